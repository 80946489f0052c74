import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseWith } from '../../../workflows/contracts/commands';
import { normalizeFreeText } from '../../../workflows/domain/free-text';
import type { FieldError } from '../errors/domain-error';
import { DomainError } from '../errors/domain-error';

/** Every string of a parsed JSON body normalised as free text is stored (NFC, `\n`, trimmed). */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return normalizeFreeText(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeStrings(v)]));
  return value;
}

/** Problems grouped per field, as VALIDATION_FAILED lists them. */
export function fieldErrors(problems: readonly { field: string; message: string }[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const { field, message } of problems) byField.set(field, [...(byField.get(field) ?? []), `${field} ${message}`]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/**
 * Validates a body against a zod schema shared with the workflow (case commands, task outcomes), after
 * normalising its text; answers 400 VALIDATION_FAILED with per-field messages, like the class-validator pipe.
 */
export class ZodBodyPipe implements PipeTransform {
  constructor(private readonly schema: z.ZodType) {}

  transform(value: unknown): unknown {
    const parsed = parseWith(this.schema, normalizeStrings(value ?? {}));
    if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', 'The request is invalid', fieldErrors(parsed.problems));
    return parsed.value;
  }
}
