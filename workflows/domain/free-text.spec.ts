import { z } from 'zod';
import { freeText, freeTextProblem, MULTI_LINE_PATTERN, normalizeFreeText, SINGLE_LINE_PATTERN } from './free-text';

describe('free text', () => {
  const name = { max: 200 };
  const note = { max: 2000, multiline: true };

  it.each([
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001Bb'],
    ['DEL', 'a\u007Fb'],
    ['C1 control', 'a\u0085b'],
    ['right-to-left override', 'Budi\u202Eodnas'],
    ['right-to-left isolate', 'Budi\u2067x\u2069'],
    ['left-to-right mark', 'Budi\u200E'],
    ['zero-width space', 'Bu\u200Bdi'],
    ['zero-width joiner', 'Bu\u200Ddi'],
    ['byte order mark', '\uFEFFBudi'],
    ['soft hyphen', 'Bu\u00ADdi'],
    ['unpaired high surrogate', 'Budi\uD800'],
    ['unpaired low surrogate', '\uDC00Budi'],
    ['line separator', 'Budi\u2028Santoso'],
    ['paragraph separator', 'Budi\u2029'],
    ['combining grapheme joiner', 'Bu\u034Fdi'],
    ['Hangul filler', 'Budi\u3164'],
    ['Hangul choseong filler', '\u115FBudi'],
    ['halfwidth Hangul filler', 'Bu\uFFA0di'],
    ['Khmer invisible vowel', 'Bu\u17B4di'],
    ['tag characters', 'Budi\u{E0042}\u{E0055}'],
    ['musical formatting', 'Bu\u{1D173}di'],
  ])('refuses %s in names and notes', (_what, value) => {
    expect(freeTextProblem(value, name)).toMatch(/must not contain/);
    expect(freeTextProblem(value, note)).toMatch(/must not contain/);
    expect(freeText(200).safeParse(value).success).toBe(false);
    expect(freeText(2000, true).safeParse(value).success).toBe(false);
  });

  it('lets a note, not a name, keep newlines and tabs', () => {
    expect(freeTextProblem('line one\n\tline two', note)).toBeUndefined();
    expect(freeTextProblem('line one\nline two', name)).toMatch(/must not contain/);
  });

  it('accepts Indonesian names, accents, other scripts and emoji', () => {
    for (const value of ["Siti Nur'aini", 'Ni Made Ayu Sri Wahyuni', 'José Ñandú', '阿明', 'Dewi 🙂']) {
      expect([value, freeTextProblem(value, name)]).toEqual([value, undefined]);
      expect(freeText(200).safeParse(value).success).toBe(true);
    }
  });

  it('refuses blank and too long text', () => {
    expect(freeTextProblem('   ', name)).toBe('must not be empty');
    expect(freeTextProblem('x'.repeat(201), name)).toBe('must be at most 200 characters');
    expect(freeText(200).safeParse(' ').success).toBe(false);
  });

  it('normalises to NFC, Unix line ends and no surrounding blanks', () => {
    expect(normalizeFreeText(' Jose\u0301 \r\nok\r')).toBe('José \nok');
  });

  it('publishes patterns without Unicode property classes (JSON-schema generators understand them)', () => {
    for (const pattern of [SINGLE_LINE_PATTERN, MULTI_LINE_PATTERN]) expect(pattern).not.toMatch(/\\[pP]\{/);
    expect(z.toJSONSchema(freeText(200), { target: 'openapi-3.0' })).toMatchObject({ type: 'string', minLength: 1, maxLength: 200, pattern: SINGLE_LINE_PATTERN });
  });
});
