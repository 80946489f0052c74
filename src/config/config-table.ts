import { configVariables } from './app-config';

/** The README's configuration table, generated from the schema (`npm run docs:config`). */
export function configTable(): string {
  const rows = configVariables().map((v) => {
    const parsed = v.schema.safeParse(undefined);
    const value = parsed.success ? parsed.data : undefined;
    const fallback = v.shown ?? (value === undefined ? '*(unset)*' : `\`${Array.isArray(value) ? value.join(',') : JSON.stringify(value).replace(/^"|"$/g, '')}\``);
    return `| \`${v.name}\` | ${fallback} | ${v.doc} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export const CONFIG_TABLE_START = '<!-- config-table:start (npm run docs:config) -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

/** The README with its table section replaced by the generated one. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${CONFIG_TABLE_START} … ${CONFIG_TABLE_END}`);
  return `${readme.slice(0, start + CONFIG_TABLE_START.length)}\n${configTable()}\n${readme.slice(end)}`;
}
