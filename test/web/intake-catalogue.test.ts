import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NIK_ERROR_CODES, NIK_WARNING_CODES } from '../../workflows/domain/nik';

const LOCALES = join(__dirname, '..', '..', 'web', 'src', 'i18n', 'locales');
const intake = (language: string) => JSON.parse(readFileSync(join(LOCALES, language, 'intake.json'), 'utf8')) as { nik: Record<string, string> };

describe('the intake catalogue', () => {
  it.each(['id', 'en'])('%s: explains every NIK error and warning code the API answers (the open-case form translates them by code)', (language) => {
    const { nik } = intake(language);
    expect([...NIK_ERROR_CODES, ...NIK_WARNING_CODES].filter((code) => !nik[code]?.trim())).toEqual([]);
    expect(Object.keys(nik).filter((code) => !(NIK_ERROR_CODES as readonly string[]).includes(code) && !(NIK_WARNING_CODES as readonly string[]).includes(code))).toEqual([]);
  });

});
