import { normalizeKabKotaCode, normalizeRegionScope } from './region-code';

describe('normalizeKabKotaCode', () => {
  it.each([
    ['3514', '3514'],
    ['35.14', '3514'],
    [' 35.14 ', '3514'],
    ['3272', '3272'], // Kota Sukabumi
    ['3510', '3510'], // Kab. Banyuwangi
    ['7303', '7303'], // Kab. Bantaeng
    ['1371', '1371'], // Kota Padang
    ['9601', '9601'], // Papua Barat Daya (2022 province)
  ])('accepts %p as %p', (input, expected) => {
    expect(normalizeKabKotaCode(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['35', 'province only'],
    ['351', 'three digits'],
    ['35.14.01', 'kecamatan code'],
    ['3500', 'kab/kota 00'],
    ['3570', 'kab/kota 70 is neither kabupaten nor kota'],
    ['2014', 'unknown province 20'],
    ['99.01', 'unknown province 99'],
    ['35-14', 'wrong separator'],
    ['35.1a', 'letters'],
  ])('rejects %p (%s)', (input) => {
    expect(normalizeKabKotaCode(input)).toBeUndefined();
  });
});

describe('normalizeRegionScope', () => {
  it.each([
    ['35', '35'],
    ['35.14', '3514'],
    ['3514', '3514'],
  ])('accepts %p as %p', (input, expected) => expect(normalizeRegionScope(input)).toBe(expected));

  it.each(['20', '3', '35.14.01', ''])('rejects %p', (input) => expect(normalizeRegionScope(input)).toBeUndefined());
});
