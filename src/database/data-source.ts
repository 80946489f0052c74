import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { CaseViewEntity } from '../cases/case-view.entity';
import { IdempotencyKeyEntity } from '../cases/idempotency-key.entity';
import { AgencyCredentialEntity } from '../agencies/agency-credential.entity';
import { AgencyEntity } from '../agencies/agency.entity';
import { LoginFailureEntity } from '../auth/login-failure.entity';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { RaziaEntity } from '../razia/razia.entity';
import { UserEntity } from '../users/user.entity';
import { CreateCaseView1763800000000 } from './migrations/1763800000000-CreateCaseView';
import { CreateIdentity1763900000000 } from './migrations/1763900000000-CreateIdentity';
import { CaseLifecycle1764000000000 } from './migrations/1764000000000-CaseLifecycle';
import { AgencyTasks1764100000000 } from './migrations/1764100000000-AgencyTasks';
import { AgencyTaskWork1764200000000 } from './migrations/1764200000000-AgencyTaskWork';
import { AgencyWebhooks1764300000000 } from './migrations/1764300000000-AgencyWebhooks';
import { AgencyTaskClocks1764400000000 } from './migrations/1764400000000-AgencyTaskClocks';
import { AuditLedger1764500000000 } from './migrations/1764500000000-AuditLedger';
import { SecurityLog1764600000000 } from './migrations/1764600000000-SecurityLog';
import { AccountSetup1764610000000 } from './migrations/1764610000000-AccountSetup';
import { ProjectionGuards1764700000000 } from './migrations/1764700000000-ProjectionGuards';
import { CredentialConfirmation1764800000000 } from './migrations/1764800000000-CredentialConfirmation';
import { PersonRegistry1764900000000 } from './migrations/1764900000000-PersonRegistry';
import { PuskesosVillage1764920000000 } from './migrations/1764920000000-PuskesosVillage';
import { RepeatNoticeOutbox1764950000000 } from './migrations/1764950000000-RepeatNoticeOutbox';
import { Razia1764910000000 } from './migrations/1764910000000-Razia';
import { PuskesosOfficerVillage1764930000000 } from './migrations/1764930000000-PuskesosOfficerVillage';
import { PersonalDataKeys1764960000000 } from './migrations/1764960000000-PersonalDataKeys';
import { DataSubjectRights1764970000000 } from './migrations/1764970000000-DataSubjectRights';
import { ReportFacts1764980000000 } from './migrations/1764980000000-ReportFacts';
import { ReportIndexes1764985000000 } from './migrations/1764985000000-ReportIndexes';
import { ReportReintegrated1764986000000 } from './migrations/1764986000000-ReportReintegrated';
import { MonthlyReports1764990000000 } from './migrations/1764990000000-MonthlyReports';
import { ListIndexes1764995000000 } from './migrations/1764995000000-ListIndexes';
import { StoredRepeatFlag1764996000000 } from './migrations/1764996000000-StoredRepeatFlag';
import { ListIndexRepeat1764997000000 } from './migrations/1764997000000-ListIndexRepeat';
import { RepeatFlagRefresh1764998000000 } from './migrations/1764998000000-RepeatFlagRefresh';

/** Every entity, listed (not globbed) so the same list works from sources, dist and Jest. */
export const ENTITIES = [
  CaseViewEntity,
  IdempotencyKeyEntity,
  AgencyEntity,
  AgencyCredentialEntity,
  UserEntity,
  RefreshTokenEntity,
  LoginFailureEntity,
  RaziaEntity,
];
/** Every migration in order. Schema changes only ever happen here (never `synchronize`). */
export const MIGRATIONS = [CreateCaseView1763800000000, CreateIdentity1763900000000, CaseLifecycle1764000000000, AgencyTasks1764100000000, AgencyTaskWork1764200000000, AgencyWebhooks1764300000000, AgencyTaskClocks1764400000000, AuditLedger1764500000000, SecurityLog1764600000000, AccountSetup1764610000000, ProjectionGuards1764700000000, CredentialConfirmation1764800000000, PersonRegistry1764900000000, Razia1764910000000, PuskesosVillage1764920000000, PuskesosOfficerVillage1764930000000, RepeatNoticeOutbox1764950000000, PersonalDataKeys1764960000000, DataSubjectRights1764970000000, ReportFacts1764980000000, ReportIndexes1764985000000, ReportReintegrated1764986000000, MonthlyReports1764990000000, ListIndexes1764995000000, StoredRepeatFlag1764996000000, ListIndexRepeat1764997000000, RepeatFlagRefresh1764998000000];

export interface DatabaseSettings {
  url: string;
  schema: string;
  poolSize: number;
  /** Role to act as after connecting (the API and the worker: `sinergi_app`); migrations run as the login user. */
  role?: string;
}

/** One set of options for the API, the worker, the launcher and the tests. */
export function dataSourceOptions(db: DatabaseSettings): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: db.url,
    schema: db.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'sinergi_migrations',
    synchronize: false,
    migrationsRun: false,
    // UUIDs come from PostgreSQL's built-in gen_random_uuid(); never CREATE EXTENSION on connect (it
    // needs superuser rights that a production application role must not have).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Raw SQL (migrations, projection upserts) resolves unqualified names through search_path.
    poolSize: db.poolSize,
    extra: connectionOptions(db),
  };
}

/**
 * Startup parameters: the schema on the search path, the role whose rights the session has, and no JIT
 * compilation: Sinergi's queries are short, and on a report's aggregate over a province PostgreSQL 15
 * spent longer compiling than running (1,216 ms with JIT, 540 ms without; docs/performance.md).
 */
function connectionOptions(db: DatabaseSettings): { options: string } {
  const options = [db.schema === 'public' ? '' : `-c search_path=${db.schema}`, db.role === undefined ? '' : `-c role=${db.role}`, '-c jit=off'].filter((o) => o !== '');
  return { options: options.join(' ') };
}

/** Creates the schema if needed and applies pending migrations; returns their names. */
export async function runMigrations(db: DatabaseSettings): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions({ ...db, role: undefined, poolSize: 1 }));
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
