import { ValidateBy } from 'class-validator';
import { normalizeKabKotaCode } from '../../../workflows/domain/region-code';

/** For `@Transform`: a dotted kab/kota code (`35.14`) read as the plain one (`3514`); anything else left as given. */
export const toPlainKabKotaCode = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? (normalizeKabKotaCode(value) ?? value) : value);

/** Validates a Kemendagri kab/kota code (after normalisation to the plain 4-digit form). */
export function IsKabKotaCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isKabKotaCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && normalizeKabKotaCode(value) === value,
      defaultMessage: () => '$property must be a Kemendagri kab/kota code such as "35.14" or "3514"',
    },
  });
}
