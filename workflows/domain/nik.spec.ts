import { checkNik } from './nik';

const TODAY = '2026-11-22';

describe('checkNik: hard errors (400)', () => {
  it.each([
    ['351401230485000', 'too short', 'NIK_NOT_16_DIGITS'],
    ['35140123048500011', 'too long', 'NIK_NOT_16_DIGITS'],
    ['3514012304850a01', 'a letter', 'NIK_NOT_16_DIGITS'],
    ['3514 01230485000', 'a space', 'NIK_NOT_16_DIGITS'],
    ['3514013204850001', 'day 32', 'NIK_INVALID_BIRTH_DAY'],
    ['3514014004850001', 'day 40 (neither a man nor a woman)', 'NIK_INVALID_BIRTH_DAY'],
    ['3514017204850001', 'day 72', 'NIK_INVALID_BIRTH_DAY'],
    ['3514010113850001', 'month 13', 'NIK_INVALID_BIRTH_MONTH'],
    ['3514013002850001', '30 February', 'NIK_BIRTH_DATE_NOT_REAL'],
    ['3514012902010001', '29 February 1901/2001 (no leap year)', 'NIK_BIRTH_DATE_NOT_REAL'],
  ])('%s (%s): %s', (nik, _why, code) => {
    const result = checkNik(nik, { sex: 'L' }, TODAY);
    expect(result.valid).toBe(false);
    expect(result.valid ? [] : result.errors.map((e) => e.code)).toEqual([code]);
  });

  it('accepts 29 February when one century reading is a leap year (1900 is not, 2000 is)', () => {
    expect(checkNik('3514012902000001', { sex: 'L' }, TODAY)).toMatchObject({ valid: true, decoded: { yearCandidates: [2000] } });
  });

  it('rejects a birth date in the future under both readings', () => {
    expect(checkNik('3514012312260001', { sex: 'L' }, '2026-11-22')).toMatchObject({ valid: true, decoded: { yearCandidates: [1926] } });
    expect(checkNik('3514013012990001', { sex: 'L' }, '1999-01-01')).toEqual({ valid: false, errors: [{ code: 'NIK_BIRTH_DATE_NOT_REAL', message: 'NIK birth date is not a real (past) date' }] });
  });
});

describe('checkNik: decoding and soft warnings', () => {
  it('decodes a woman by the +40 day rule (born 29 May 2012 → day 69)', () => {
    const result = checkNik('1702196905120001', { sex: 'P', birthDate: '2012-05-29' }, TODAY);
    expect(result).toEqual({
      valid: true,
      decoded: { regionPrefix: '170219', sex: 'P', day: 29, month: 5, yearCandidates: [1912, 2012] },
      warnings: [],
    });
  });

  it('warns when the sex differs from the NIK (a woman recorded as L)', () => {
    const result = checkNik('1702196905120001', { sex: 'L', birthDate: '2012-05-29' }, TODAY);
    expect(result.valid && result.warnings.map((w) => w.code)).toEqual(['NIK_SEX_MISMATCH']);
  });

  it('warns when a man is recorded as P', () => {
    const result = checkNik('3514012304850001', { sex: 'P' }, TODAY);
    expect(result.valid && result.warnings.map((w) => w.code)).toEqual(['NIK_SEX_MISMATCH']);
  });

  it('compares no sex when none is known yet (a NIK checked as it is typed)', () => {
    expect(checkNik('1702196905120001', {}, TODAY)).toMatchObject({ valid: true, warnings: [] });
  });

  it('warns on a different birth date, an unknown province, kab/kota 00 and serial 0000', () => {
    const result = checkNik('2000012304850000', { sex: 'L', birthDate: '1985-04-24' }, TODAY);
    expect(result.valid && result.warnings.map((w) => w.code).sort()).toEqual(
      ['NIK_BIRTH_DATE_MISMATCH', 'NIK_INVALID_KAB_KOTA', 'NIK_SERIAL_ZERO', 'NIK_UNKNOWN_PROVINCE'].sort(),
    );
  });

  it('compares the approximate age with both century readings', () => {
    expect(checkNik('3514012304850001', { sex: 'L', approximateAge: 41 }, TODAY)).toMatchObject({ valid: true, warnings: [] });
    const far = checkNik('3514012304850001', { sex: 'L', approximateAge: 12 }, TODAY);
    expect(far.valid && far.warnings.map((w) => w.code)).toEqual(['NIK_AGE_MISMATCH']);
    // 05 reads as 1905 or 2005: a 21-year-old matches the 2005 reading.
    expect(checkNik('3514012304050001', { sex: 'L', approximateAge: 21 }, TODAY)).toMatchObject({ valid: true, warnings: [] });
  });
});
