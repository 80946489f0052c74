import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { withConfigTable } from '../src/config/config-table';

/** Rewrites the README's configuration table from src/config/config-schema.ts. */
const readme = join(projectRoot(), 'README.md');
writeFileSync(readme, withConfigTable(readFileSync(readme, 'utf8')));
process.stdout.write('README.md configuration table written\n');
