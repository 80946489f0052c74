import { normalizeVillageCode, villageInRegion } from './village-code';

describe('desa/kelurahan codes', () => {
  it.each([
    ['7303022005', '7303022005'],
    ['73.03.02.2005', '7303022005'],
    ['3514011001', '3514011001'],
    ['7303013001', '7303013001'],
  ])('accepts %s as %s', (input, plain) => expect(normalizeVillageCode(input)).toBe(plain));

  it.each([
    ['730302', 'a kecamatan code'],
    ['7303', 'a kab/kota code'],
    ['7303024005', 'a last part not starting with 1, 2 or 3 (4 is an island code)'],
    ['7303002005', 'kecamatan 00'],
    ['7303022000', 'serial 000'],
    ['9903022005', 'an unknown province'],
    ['7370022005', 'kab/kota 70 (neither kabupaten nor kota)'],
    ['730302200', 'nine digits'],
    ['73030220051', 'eleven digits'],
    ['73o3022005', 'a letter'],
  ])('refuses %s (%s)', (input) => expect(normalizeVillageCode(input)).toBeUndefined());

  it('places a village in its kab/kota only', () => {
    expect(villageInRegion('7303022005', '7303')).toBe(true);
    expect(villageInRegion('3514011001', '7303')).toBe(false);
  });
});
