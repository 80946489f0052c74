import type { MigrationInterface } from 'typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source';
import { testStackValue } from './test-stack';

/**
 * A schema of its own next to the run's (suffix `name`), for a migration test that needs a database as
 * it stood before one migration: `before(M)` migrates up to, not including, M; `after()` runs the rest;
 * `drop()` removes the schema.
 */
export function migrationSchema(name: string) {
  const url = testStackValue('databaseUrl');
  const schema = `${testStackValue('databaseSchema')}_${name}`;
  const migrated = async (upTo?: number): Promise<DataSource> => {
    const source = new DataSource({ ...dataSourceOptions({ url, schema, poolSize: 1 }), migrations: MIGRATIONS.slice(0, upTo) });
    await source.initialize();
    await source.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await source.runMigrations({ transaction: 'each' });
    return source;
  };
  return {
    schema,
    before: (migration: new () => MigrationInterface) => migrated(MIGRATIONS.indexOf(migration as (typeof MIGRATIONS)[number])),
    after: () => migrated(),
    drop: async (db: DataSource | undefined) => {
      await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db?.destroy();
    },
  };
}
