import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import type { FreeTextRule } from '../../../workflows/domain/free-text';
import { freeTextProblem, MULTI_LINE_PATTERN, normalizeFreeText, SINGLE_LINE_PATTERN } from '../../../workflows/domain/free-text';
import { OptionalNotNull } from '../optional-not-null';

/**
 * A free-text field of a class-validator DTO, under the same rule as the workflow's commands
 * (workflows/domain/free-text.ts): normalised (NFC, `\n`, trimmed), then refused when empty, too long
 * or holding control, bidirectional or invisible characters. Publishes length and pattern in OpenAPI.
 * `optional`: the field may be left out; null is still refused (it is no text, and would reach a NOT
 * NULL column).
 */
export function FreeText(rule: FreeTextRule & { optional?: boolean; description?: string }): PropertyDecorator {
  const { optional = false, ...text } = rule;
  return applyDecorators(
    ...(optional ? [OptionalNotNull()] : []),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeFreeText(value) : value)),
    ValidateBy({
      name: 'isFreeText',
      validator: {
        validate: (value: unknown) => freeTextProblem(value, text) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'value'} ${freeTextProblem(args?.value, text) ?? 'is invalid'}`,
      },
    }),
    ApiProperty({
      type: String,
      required: !optional,
      minLength: 1,
      maxLength: text.max,
      pattern: text.multiline ? MULTI_LINE_PATTERN : SINGLE_LINE_PATTERN,
      ...(rule.description ? { description: rule.description } : {}),
    }),
  );
}
