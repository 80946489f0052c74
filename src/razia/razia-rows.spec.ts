import { checkRow } from './razia-rows';
import { raziaCaseId } from './razia-case-ids';
import { normalizeVillageCode } from '../../workflows/domain/village-code';

const TODAY = '2026-11-30';
const good = { name: 'Budi', sex: 'L', approximateAge: 34 };

describe('checkRow: one razia person, by the rules of a single opening', () => {
  it('accepts a row and keeps only the person fields and the origin region (plain)', () => {
    expect(checkRow({ ...good, nik: '3514012304920001', originRegionCode: '32.72' }, TODAY)).toEqual({
      ok: true,
      person: { ...good, nik: '3514012304920001' },
      originRegionCode: '3272',
      warnings: [],
    });
  });

  it('names each refused field with a code, never its value', () => {
    const checked = checkRow({ name: '', sex: 'X', approximateAge: 130, birthDate: '2020-02-30', hobby: 'chess', 'Budi Santoso': 1 }, TODAY);
    expect(checked).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        { field: 'name', code: 'INVALID_TEXT' },
        { field: 'sex', code: 'INVALID_CHOICE' },
        { field: 'approximateAge', code: 'OUT_OF_RANGE' },
        { field: 'birthDate', code: 'INVALID_DATE' },
        { field: 'person', code: 'UNKNOWN_FIELD' },
      ]),
    });
    // Unknown keys are named once, as the row: a key is the client's text and is never kept.
    expect((checked as { errors: unknown[] }).errors).toHaveLength(5);
    expect(JSON.stringify(checked)).not.toMatch(/chess|hobby|Budi/);
  });

  it('says REQUIRED for a missing field, NOT_AN_OBJECT for a row that is no object, and the NIK tier by its codes', () => {
    expect(checkRow({ sex: 'L', approximateAge: 3 }, TODAY)).toEqual({ ok: false, errors: [{ field: 'name', code: 'REQUIRED' }] });
    expect(checkRow('Budi', TODAY)).toEqual({ ok: false, errors: [{ field: 'person', code: 'NOT_AN_OBJECT' }] });
    expect(checkRow(null, TODAY)).toEqual({ ok: false, errors: [{ field: 'person', code: 'NOT_AN_OBJECT' }] });
    expect(checkRow({ ...good, nik: '12345' }, TODAY)).toEqual({ ok: false, errors: [{ field: 'nik', code: 'NIK_NOT_16_DIGITS' }] });
    expect(checkRow({ ...good, nik: '3514019904850001' }, TODAY)).toEqual({ ok: false, errors: [{ field: 'nik', code: 'NIK_INVALID_BIRTH_DAY' }] });
    for (const hostile of ['a\u0000b', 'Budi\u202Eodnas', 'Bu\u200Bdi']) expect(checkRow({ ...good, name: hostile }, TODAY)).toEqual({ ok: false, errors: [{ field: 'name', code: 'INVALID_TEXT' }] });
    expect(checkRow({ ...good, originRegionCode: '35.70' }, TODAY)).toEqual({ ok: false, errors: [{ field: 'originRegionCode', code: 'INVALID_REGION_CODE' }] });
  });
});

describe("checkRow: a child's guardian on a razia row", () => {
  it('keeps a valid guardian (phone trimmed, left out when not given) and names each bad field under guardian', () => {
    expect(checkRow({ ...good, approximateAge: 9, guardian: { name: ' Ibu Sri ', relationship: 'PARENT', phone: ' 0812 3456 7890 ' } }, TODAY)).toEqual({
      ok: true,
      person: { ...good, approximateAge: 9, guardian: { name: 'Ibu Sri', relationship: 'PARENT', phone: '0812 3456 7890' } },
      warnings: [],
    });
    expect(checkRow({ ...good, guardian: { name: 'Panti', relationship: 'INSTITUTION' } }, TODAY)).toMatchObject({ ok: true, person: { guardian: { name: 'Panti', relationship: 'INSTITUTION' } } });
    const bad = checkRow({ ...good, guardian: { name: 'Bu\u200Bdi', relationship: 'AUNT', phone: '12', hobby: 'x' } }, TODAY);
    expect(bad).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        { field: 'guardian.name', code: 'INVALID_TEXT' },
        { field: 'guardian.relationship', code: 'INVALID_CHOICE' },
        { field: 'guardian.phone', code: 'INVALID_PHONE' },
        { field: 'guardian', code: 'UNKNOWN_FIELD' },
      ]),
    });
    expect((bad as { errors: unknown[] }).errors).toHaveLength(4);
    expect(checkRow({ ...good, guardian: { relationship: 'PARENT' } }, TODAY)).toEqual({ ok: false, errors: [{ field: 'guardian.name', code: 'REQUIRED' }] });
    for (const notObject of [null, 'Ibu Sri', ['Ibu Sri']]) expect(checkRow({ ...good, guardian: notObject }, TODAY)).toEqual({ ok: false, errors: [{ field: 'guardian', code: 'NOT_AN_OBJECT' }] });
  });
});

describe('raziaCaseId', () => {
  it('is a version-5 UUID, the same for the same razia and position, different otherwise', () => {
    const razia = '0b9c7a52-3d3e-4f0e-9a57-4d2f3c1b2a10';
    expect(raziaCaseId(razia, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(raziaCaseId(razia, 7)).toBe(raziaCaseId(razia, 7));
    expect(new Set([raziaCaseId(razia, 0), raziaCaseId(razia, 1), raziaCaseId('1b9c7a52-3d3e-4f0e-9a57-4d2f3c1b2a10', 0)]).size).toBe(3);
  });
});

describe('normalizeVillageCode', () => {
  it('reads dotted and plain desa/kelurahan codes and refuses others', () => {
    expect(normalizeVillageCode('35.14.01.2001')).toBe('3514012001');
    expect(normalizeVillageCode('3514011003')).toBe('3514011003');
    for (const bad of ['35.14.01', '35.14.00.2001', '35.14.01.4001', '35.70.01.2001', '99.14.01.2001', '35.14.01.2000', '3514012001 x']) expect([bad, normalizeVillageCode(bad)]).toEqual([bad, undefined]);
  });
});
