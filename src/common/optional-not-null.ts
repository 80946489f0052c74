import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional(), but only a missing property skips validation: null is validated like any other
 * value (and refused by the property's type rule). For fields where null has no meaning; @IsOptional
 * lets null through, which then reached the service and the database (500s found by fuzzing).
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
