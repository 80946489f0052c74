import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { normalizeVillageCode } from '../../../workflows/domain/village-code';

/**
 * A Kemendagri desa/kelurahan code (pmks-domain §7.3), dotted (`73.03.02.2005`) or plain: read into the
 * plain 10 digits, refused otherwise. Whether it lies in the right kab/kota is the service's check.
 */
export function VillageCode(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (normalizeVillageCode(value) ?? value) : value)),
    ValidateBy({
      name: 'isVillageCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalizeVillageCode(value) === value,
        defaultMessage: () => '$property must be a Kemendagri desa/kelurahan code such as "73.03.02.2005" or "7303022005"',
      },
    }),
  );
}
