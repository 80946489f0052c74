import { z } from 'zod';

/**
 * Free text (names, notes, reasons, outcomes): one rule for the API's validation and the workflow's
 * validators. Refused: control characters (a note may keep newline and tab), bidirectional overrides
 * and marks, zero-width and other invisible format characters (they let a name read differently from
 * what is stored; tag characters beyond the BMP too), and unpaired UTF-16 surrogates (PostgreSQL cannot store them in jsonb, nor NUL: a
 * case whose projection fails on data must never be accepted in the first place).
 *
 * The character classes are written with `\uXXXX` escapes only, so the pattern published in OpenAPI
 * is one that JSON-schema generators (Python `re`) understand.
 */
const INVISIBLE = [
  '\\u007F-\\u009F', // DEL and C1 controls
  '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E', // soft hyphen, grapheme joiner, Arabic mark, Hangul and Khmer fillers, Mongolian separator
  '\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F', // zero-width, line/paragraph separators, bidi controls, invisible operators
  '\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB', // Hangul fillers, byte order mark, interlinear annotation
].join('');
/** One line: no control character at all. */
export const SINGLE_LINE_PATTERN = `^[^\\u0000-\\u001F${INVISIBLE}]*$`;
/** A note: tab and newline allowed. */
export const MULTI_LINE_PATTERN = `^[^\\u0000-\\u0008\\u000B-\\u001F${INVISIBLE}]*$`;

const SINGLE_LINE = new RegExp(SINGLE_LINE_PATTERN);
const MULTI_LINE = new RegExp(MULTI_LINE_PATTERN);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Invisible characters beyond the BMP (tag characters, musical formatting): as surrogate pairs, outside the published pattern. */
const ASTRAL_INVISIBLE = /\uDB40[\uDC00-\uDC7F]|\uD834[\uDD73-\uDD7A]/;
const hiddenBeyondPattern = (v: string): boolean => LONE_SURROGATE.test(v) || ASTRAL_INVISIBLE.test(v);

export interface FreeTextRule {
  max: number;
  multiline?: boolean;
}

/** Why a value is not acceptable free text, or undefined when it is. */
export function freeTextProblem(value: unknown, { max, multiline = false }: FreeTextRule): string | undefined {
  if (typeof value !== 'string') return 'must be a text';
  if (value.trim() === '') return 'must not be empty';
  if (value.length > max) return `must be at most ${max} characters`;
  if (!(multiline ? MULTI_LINE : SINGLE_LINE).test(value) || hiddenBeyondPattern(value)) {
    return `must not contain control${multiline ? ' (other than newline and tab)' : ''}, bidirectional or invisible characters`;
  }
  return undefined;
}

/** What the API stores: Unicode NFC, Windows line ends as `\n`, no surrounding blanks. */
export function normalizeFreeText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** The rule as a zod string (its length and pattern are published in OpenAPI). */
export function freeText(max: number, multiline = false) {
  const rule = { max, multiline };
  return z
    .string()
    .min(1)
    .max(max)
    .regex(multiline ? MULTI_LINE : SINGLE_LINE, { message: freeTextProblem('\u0000', rule) })
    .refine((v) => v.trim() !== '' || v === '', { message: 'must not be empty' })
    .refine((v) => !hiddenBeyondPattern(v), { message: freeTextProblem('\u0000', rule) });
}

/** Limits shared by every free-text field of the same kind. */
export const TEXT_LIMITS = { name: 200, note: 2000 } as const;
