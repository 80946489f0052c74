/**
 * Regex patterns in the OpenAPI document are read by clients and by test generators written in other
 * languages (schemathesis generates from them with Python's `re`). Class-validator patterns are
 * JavaScript, so the document carries a portable spelling of each, and a test names any pattern that
 * still uses a construct Python lacks.
 */

/** Unicode property classes with a fixed, short code-point spelling (general category Cc). */
const PROPERTY_RANGES: Record<string, string> = {
  Cc: '\\x00-\\x1F\\x7F-\\x9F',
  Control: '\\x00-\\x1F\\x7F-\\x9F',
  'gc=Cc': '\\x00-\\x1F\\x7F-\\x9F',
  'General_Category=Cc': '\\x00-\\x1F\\x7F-\\x9F',
};

/**
 * The same pattern in constructs JavaScript and Python read alike: `\p{Cc}` (and `\P{Cc}` outside a
 * class) become code-point ranges, and `\d` becomes `[0-9]` (Python's `\d` also matches other
 * scripts' digits, which the API's JavaScript `\d` refuses). Anything else is kept as written.
 */
export function portablePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      const property = /^[pP]\{([^}]*)\}/.exec(pattern.slice(i + 1));
      const ranges = property ? PROPERTY_RANGES[property[1] as string] : undefined;
      if (property && ranges !== undefined && (next === 'p' || !inClass)) {
        out += inClass ? ranges : next === 'p' ? `[${ranges}]` : `[^${ranges}]`;
        i += property[0].length;
      } else if (next === 'd') {
        out += inClass ? '0-9' : '[0-9]';
        i += 1;
      } else {
        out += c + next;
        i += 1;
      }
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** The text of the group opening at `start` (after its `(?<=`-style prefix of `prefix` characters). */
function groupBody(pattern: string, start: number, prefix: number): string {
  let depth = 1;
  let inClass = false;
  for (let i = start + prefix; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return pattern.slice(start + prefix, i);
  }
  return pattern.slice(start + prefix);
}

/** Whether every match of `body` has the same length, as Python requires of a lookbehind (conservative). */
function fixedWidth(body: string): boolean {
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '|' || c === '*' || c === '+' || (c === '?' && body[i - 1] !== '(')) return false;
    else if (c === '{' && /^\{(\d+),(\d*)\}/.test(body.slice(i))) {
      const [, min, max] = /^\{(\d+),(\d*)\}/.exec(body.slice(i)) as RegExpExecArray;
      if (min !== max) return false;
    }
  }
  return true;
}

/** Constructs of `pattern` that Python's `re` does not accept or reads differently; empty when none. */
export function pythonIncompatibilities(pattern: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const rest = pattern.slice(i);
    if (c === '\\') {
      if (/^\\[pP]\{/.test(rest)) found.push(`Unicode property escape ${rest.slice(0, rest.indexOf('}') + 1) || rest.slice(0, 3)}`);
      else if (rest.startsWith('\\k<')) found.push('named back-reference \\k<…>');
      else if (/^\\c[A-Za-z]/.test(rest)) found.push(`control escape ${rest.slice(0, 3)}`);
      else if (rest.startsWith('\\u{')) found.push('code point escape \\u{…}');
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      if (rest.startsWith('[]') || rest.startsWith('[^]')) found.push(`${rest.startsWith('[]') ? '[]' : '[^]'} (an empty class in JavaScript, a literal "]" in Python)`);
      inClass = true;
    } else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      if (!fixedWidth(groupBody(pattern, i, 4))) found.push(`variable-width lookbehind ${rest.slice(0, 4)}…)`);
    } else if (rest.startsWith('(?<')) {
      found.push('named group (?<name>…) (Python spells it (?P<name>…))');
    }
  }
  return found;
}
