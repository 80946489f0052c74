import { z } from 'zod';

/**
 * Free text (names, notes, reasons, outcomes): one rule for the API's validation and the workflow's
 * validators. Refused: control characters (a note may keep newline and tab), bidirectional overrides
 * and marks, zero-width and other invisible format characters (they let a name read differently from
 * what is stored), and unpaired UTF-16 surrogates (PostgreSQL cannot store them in jsonb, nor NUL: a
 * case whose projection fails on data must never be accepted in the first place).
 *
 * The character classes are written with `\uXXXX` escapes only, so the pattern published in OpenAPI
 * is one that JSON-schema generators (Python `re`) understand.
 */
const INVISIBLE = '\\u007F-\\u009F\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB';
/** One line: no control character at all. */
export const SINGLE_LINE_PATTERN = `^[^\\u0000-\\u001F${INVISIBLE}]*$`;
/** A note: tab and newline allowed. */
export const MULTI_LINE_PATTERN = `^[^\\u0000-\\u0008\\u000B-\\u001F${INVISIBLE}]*$`;

const SINGLE_LINE = new RegExp(SINGLE_LINE_PATTERN);
const MULTI_LINE = new RegExp(MULTI_LINE_PATTERN);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface FreeTextRule {
  max: number;
  multiline?: boolean;
}

/** Why a value is not acceptable free text, or undefined when it is. */
export function freeTextProblem(value: unknown, { max, multiline = false }: FreeTextRule): string | undefined {
  if (typeof value !== 'string') return 'must be a text';
  if (value.trim() === '') return 'must not be empty';
  if (value.length > max) return `must be at most ${max} characters`;
  if (!(multiline ? MULTI_LINE : SINGLE_LINE).test(value) || LONE_SURROGATE.test(value)) {
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
    .refine((v) => !LONE_SURROGATE.test(v), { message: freeTextProblem('\u0000', rule) });
}

/** Limits shared by every free-text field of the same kind. */
export const TEXT_LIMITS = { name: 200, note: 2000 } as const;
