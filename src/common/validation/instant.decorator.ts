import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';

/**
 * A moment as clients send it and PostgreSQL reads it: date, time to the minute or finer, and a zone
 * (`2026-11-22T08:00:00Z`, `2026-11-22T15:00+07:00`). ISO-8601's other spellings (week dates, hours
 * only…) are refused: the API and the database would not read them alike.
 */
const INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$/;

export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  const [year, month, day, hour, minute] = [value.slice(0, 4), value.slice(5, 7), value.slice(8, 10), value.slice(11, 13), value.slice(14, 16)].map(Number) as [number, number, number, number, number];
  // JavaScript rolls 30 February over into March; PostgreSQL refuses it: the date must exist as written.
  const date = new Date(Date.UTC(year, month - 1, day));
  // JavaScript also reads any offset up to ±23:59, PostgreSQL none beyond ±15:59: the zones in use run
  // from −12:00 to +14:00.
  const offsetFits = value.endsWith('Z') || !/[+-]14:(?!00)..$/.test(value);
  return year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && offsetFits && !Number.isNaN(Date.parse(value));
}

export function Instant({ optional = false, description }: { optional?: boolean; description?: string } = {}): PropertyDecorator {
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    ValidateBy({ name: 'isInstant', validator: { validate: isInstant, defaultMessage: (args) => `${args?.property ?? 'value'} must be an instant such as 2026-11-22T08:00:00Z` } }),
    ApiProperty({ type: String, format: 'date-time', required: !optional, pattern: INSTANT.source, ...(description ? { description } : {}) }),
  );
}
