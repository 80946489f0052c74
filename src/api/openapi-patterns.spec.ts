import { portablePattern, pythonIncompatibilities } from './openapi-patterns';

describe('portable OpenAPI patterns', () => {
  it.each([
    ['^[^\\p{Cc}]*$', '^[^\\x00-\\x1F\\x7F-\\x9F]*$'],
    ['^\\p{Cc}$', '^[\\x00-\\x1F\\x7F-\\x9F]$'],
    ['^\\P{Cc}+$', '^[^\\x00-\\x1F\\x7F-\\x9F]+$'],
    ['^\\d{4}-\\d{2}-\\d{2}$', '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'],
    ['^[\\d.]+$', '^[0-9.]+$'],
    ['^\\\\d$', '^\\\\d$'],
    ['^\\p{L}+$', '^\\p{L}+$'],
    ['^[A-Z][A-Z0-9_]{1,31}$', '^[A-Z][A-Z0-9_]{1,31}$'],
  ])('%s → %s', (pattern, expected) => expect(portablePattern(pattern)).toBe(expected));

  it('keeps the meaning of the pattern in JavaScript', () => {
    const original = /^[^\p{Cc}]*$/u;
    const portable = new RegExp(portablePattern(original.source), 'u');
    for (const text of ['Budi', 'Ñoño 漢字', 'tab\there', 'nul\u0000', 'c1\u0085', 'del\u007f']) {
      expect([text, portable.test(text)]).toEqual([text, original.test(text)]);
    }
  });
});

describe('Python incompatibilities', () => {
  it.each([
    ['^[a-z0-9._-]{3,50}$', []],
    ['^(?:a|b)(?=c)(?<=ab)x(?<!\\d{2})$', []],
    ['^[^\\p{Cc}]*$', ['Unicode property escape \\p{Cc}']],
    ['^\\P{L}$', ['Unicode property escape \\P{L}']],
    ['^(?<year>\\d{4})\\k<year>$', ['named group (?<name>…) (Python spells it (?P<name>…))', 'named back-reference \\k<…>']],
    ['(?<=a+)b', ['variable-width lookbehind (?<=…)']],
    ['(?<!a|bc)b', ['variable-width lookbehind (?<!…)']],
    ['(?<=a{1,3})b', ['variable-width lookbehind (?<=…)']],
    ['^\\cJ$', ['control escape \\cJ']],
    ['^\\u{1F600}$', ['code point escape \\u{…}']],
    ['^[^]$', ['[^] (an empty class in JavaScript, a literal "]" in Python)']],
    ['^\\\\p{x}$', []],
  ])('%s', (pattern, expected) => expect(pythonIncompatibilities(pattern)).toEqual(expected));

  it('finds none in what portablePattern makes of the control-character rule', () => {
    expect(pythonIncompatibilities(portablePattern('^[^\\p{Cc}]*$'))).toEqual([]);
  });
});
