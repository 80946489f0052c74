import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/app-config';

/** Prints `rows` as a two-column table under `title`. */
export function printTable(title: string, rows: [string, string | number][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
}

/** Writes the report as JSON into `reports/<name>.json` of the project and returns the path. */
export function writeReport(name: string, report: unknown): string {
  const dir = join(projectRoot(), 'reports');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
