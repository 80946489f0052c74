import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_HTTP_STATUS } from '../../src/common/errors/error-codes';
import { ROLE_PERMISSIONS } from '../../src/auth/permissions';
import { CASE_STAGES, INTAKE_CHANNELS, SEXES } from '../../workflows/contracts/case';
import { TASK_TYPES } from '../../workflows/contracts/task';
import { REFUSAL } from '../../workflows/case/stage-machine';

const LOCALES = join(__dirname, '..', '..', 'web', 'src', 'i18n', 'locales');
const SOURCES = join(__dirname, '..', '..', 'web', 'src');
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function catalogue(language: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of readdirSync(join(LOCALES, language))) {
    const ns = file.replace(/\.json$/, '');
    for (const [key, value] of flatten(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')) as Tree)) all.set(`${ns}:${key}`, value);
  }
  return all;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Plural keys (`key_one`, `key_other`) count as the key. */
const has = (cat: Map<string, string>, key: string) => cat.has(key) || cat.has(`${key}_other`);

describe('the web app catalogues (Bahasa Indonesia and English)', () => {
  const id = catalogue('id');
  const en = catalogue('en');

  it('hold the same keys in both languages, none empty', () => {
    const plain = (cat: Map<string, string>) => [...cat.keys()].map((k) => k.replace(/_(one|other)$/, '')).sort();
    expect([...new Set(plain(id))].filter((k) => !plain(en).includes(k))).toEqual([]);
    expect([...new Set(plain(en))].filter((k) => !plain(id).includes(k))).toEqual([]);
    expect([...id, ...en].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('name every error code the API can answer, every refusal reason, every stage, channel, sex, role and task type', () => {
    const needed = [
      ...Object.keys(ERROR_HTTP_STATUS).map((code) => `errors:${code}`),
      ...CASE_STAGES.map((s) => `common:stage.${s}`),
      ...INTAKE_CHANNELS.map((c) => `common:channel.${c}`),
      ...SEXES.map((s) => `common:sex.${s}`),
      ...Object.keys(ROLE_PERMISSIONS).map((r) => `common:role.${r}`),
      ...TASK_TYPES.map((type) => `common:taskType.${type}`),
      ...[...Object.keys(REFUSAL), 'NOT_IN_STAGE', 'ROLE_REQUIRED'].map((code) => `errors:refusal.${code}`),
    ];
    expect(needed.filter((key) => !has(id, key))).toEqual([]);
    expect(needed.filter((key) => !has(en, key))).toEqual([]);
  });

  it('hold every key the code names literally (t("…"))', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(SOURCES)) {
      const text = readFileSync(file, 'utf8');
      const defaultNs = /useTranslation\(\s*['"](\w+)['"]/.exec(text)?.[1] ?? /useTranslation\(\s*\[\s*['"](\w+)['"]/.exec(text)?.[1] ?? 'common';
      for (const match of text.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) {
        const raw = match[1] as string;
        const key = raw.includes(':') ? raw : `${defaultNs}:${raw}`;
        for (const [language, cat] of [['id', id], ['en', en]] as const) if (!has(cat, key)) missing.push(`${language} ${key} (${file.slice(SOURCES.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
