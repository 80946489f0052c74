import { withReadableReasons } from '../audit/readable-reasons';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import { AccessLog } from '../access-log/access-log.service';
import { inRegionScope } from '../auth/access';
import { PersonalData } from '../personal-data/personal-data.service';
import { SecurityLog } from '../security-log/security-log.service';
import { personAbsent } from './person-decisions.service';
import type { PersonRow } from './person-rows';
import { PERSON_COLUMNS, personRecordOf } from './person-rows';
import type { PersonRightsRow } from './person-rights-rows';
import { legalHoldOf, PERSON_RIGHTS_COLUMNS, restrictionOf } from './person-rights-rows';

const ROUTE = 'GET /persons/:id/data-report';

interface ReportCaseRow {
  id: string;
  stage: string;
  channel: string;
  region_code: string;
  opened_at: Date;
  closure: unknown;
  closed_at: Date | null;
  subject_name: string | null;
  subject_nik: string | null;
  subject_birth_date: string | null;
  subject_guardian: unknown;
  subject_erased_at: Date | null;
}

interface LedgerRow {
  case_id: string;
  seq: number;
  action: string;
  outcome: string;
  actor_name: string;
  actor_role: string;
  agency_code: string | null;
  reason: string | null;
  summary: string;
  payload: unknown;
  snapshot: unknown;
  occurred_at: Date;
}

interface AccessRow {
  case_id: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  route: string;
  accessed_at: Date;
}

/**
 * The data report (UU 27/2022 Pasal 32): everything Sinergi holds about a person, for a supervisor or
 * auditor of their region to hand to them. The registry record in clear; each of their cases in the
 * caller's scope with the person as given at opening, every ledger entry with its sealed values opened
 * (`[dihapus]` once erased), and who read that case's personal data when and through which route. The
 * read itself is access-logged for every case included, before the report leaves the API.
 */
@Injectable()
export class PersonDataReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalData,
    private readonly access: AccessLog,
    private readonly security: SecurityLog,
  ) {}

  async report(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const [p] = await this.dataSource.query<(PersonRow & PersonRightsRow & { created_by_name: string })[]>(
      `SELECT ${PERSON_COLUMNS}, ${PERSON_RIGHTS_COLUMNS}, p.created_by_name FROM person p WHERE p.id = $1`,
      [id],
    );
    if (p === undefined) throw personAbsent();
    if (!inRegionScope(actor.regionCode, p.region_code)) return this.security.refuse(actor, { kind: 'person', id, regionCode: p.region_code }, ROUTE, personAbsent());
    const merged = await this.dataSource.query<{ id: string }[]>(
      `WITH RECURSIVE fam AS (SELECT id FROM person WHERE merged_into = $1 UNION SELECT q.id FROM person q JOIN fam ON q.merged_into = fam.id) SELECT id FROM fam ORDER BY id`,
      [id],
    );
    // The person's own cases and those of the records merged into them (a merge moves the links: normally none).
    const cases = await this.dataSource.query<ReportCaseRow[]>(
      `SELECT c.id, c.stage, c.channel, c.region_code, c.opened_at, c.closure, CASE WHEN c.stage = 'CLOSED' THEN coalesce(c.stage_entered_at, c.opened_at) END AS closed_at,
         s.name AS subject_name, s.nik AS subject_nik, to_char(s.birth_date, 'YYYY-MM-DD') AS subject_birth_date, s.guardian AS subject_guardian, s.erased_at AS subject_erased_at
       FROM case_person l JOIN case_view c ON c.id = l.case_id LEFT JOIN case_subject s ON s.case_id = c.id
       WHERE l.person_id = ANY($1::uuid[]) AND c.region_code LIKE $2 ORDER BY c.opened_at, c.id`,
      [[id, ...merged.map((r) => r.id)], `${actor.regionCode}%`],
    );
    const caseIds = cases.map((c) => c.id);
    const ledger = await this.dataSource.query<LedgerRow[]>(
      `SELECT case_id, seq, action, outcome, actor_name, actor_role, agency_code, reason, summary, payload, snapshot, occurred_at FROM case_event WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq`,
      [caseIds],
    );
    // Read before this report's own access is recorded: the report shows the reads before it.
    const reads = await this.dataSource.query<AccessRow[]>(
      `SELECT case_id, actor_id, actor_name, actor_role, route, accessed_at FROM personal_data_access WHERE case_id = ANY($1::uuid[]) ORDER BY accessed_at, id`,
      [caseIds],
    );
    const opened = withReadableReasons(await this.personalData.open(ledger));
    const closures = await this.personalData.open(cases.map((c) => c.closure));
    await this.access.record(actor, ROUTE, caseIds);
    return {
      generatedAt: new Date().toISOString(),
      generatedBy: { id: actor.id, name: actor.name, role: actor.role },
      person: {
        ...personRecordOf(p),
        createdByName: p.created_by_name,
        mergedRecords: merged.map((r) => r.id),
        erased: p.erased_at !== null,
        erasure: p.erased_at === null ? null : { at: p.erased_at.toISOString(), byName: p.erased_by_name, legalBasis: p.erasure_basis, reason: p.erasure_reason },
        restriction: restrictionOf(p),
        legalHold: legalHoldOf(p),
      },
      cases: cases.map((c, i) => ({
        id: c.id,
        stage: c.stage,
        channel: c.channel,
        regionCode: c.region_code,
        openedAt: c.opened_at.toISOString(),
        closedAt: c.closed_at?.toISOString() ?? null,
        closure: closures[i] ?? null,
        subject: { name: c.subject_name, nik: c.subject_nik?.trim() ?? null, birthDate: c.subject_birth_date, guardian: c.subject_guardian, erasedAt: c.subject_erased_at?.toISOString() ?? null },
        ledger: opened.filter((e) => e.case_id === c.id).map((e) => ({
          seq: e.seq, action: e.action, outcome: e.outcome, actor: { name: e.actor_name, role: e.actor_role, agencyCode: e.agency_code },
          reason: e.reason, summary: e.summary, payload: e.payload, snapshot: e.snapshot, occurredAt: e.occurred_at.toISOString(),
        })),
        accessLog: reads.filter((r) => r.case_id === c.id).map((r) => ({ actorId: r.actor_id, actorName: r.actor_name, actorRole: r.actor_role, route: r.route, accessedAt: r.accessed_at.toISOString() })),
      })),
    };
  }
}
