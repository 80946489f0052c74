import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PendingRepeatNotice } from '../../activities/repeat-notice.activities';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { PersonLedgerAction } from '../../workflows/contracts/ledger';
import { inRegionScope } from '../auth/access';
import { DomainError } from '../common/errors/domain-error';
import { SecurityLog } from '../security-log/security-log.service';
import type { PersonMergeResponse } from './dto/person.response';
import type { LedgerCase } from '../../activities/person-ledger';
import { LEDGER_CASE_COLUMNS, recordPersonEvent } from '../../activities/person-ledger';
import { personAbsent } from './person-decisions.service';
import { personErased, processingRestricted } from './person-rights-rows';
import { RepeatNotices } from './repeat-notices.service';

/** A link as it was before a merge moved it: what an undo puts back. */
interface MovedLink {
  caseId: string;
  decision: string;
  decidedById: string;
  decidedByName: string;
  decidedByRole: string;
  decidedAt: string;
}

interface MergeRow {
  id: string;
  person_id: string;
  merged_person_id: string;
  moved: MovedLink[];
  merged_at: Date;
  merged_by_name: string;
  undone_at: Date | null;
}

export const toMerge = (r: MergeRow): PersonMergeResponse => ({
  mergeId: r.id,
  personId: r.person_id,
  otherPersonId: r.merged_person_id,
  movedCaseIds: r.moved.map((l) => l.caseId),
  mergedAt: r.merged_at.toISOString(),
  mergedByName: r.merged_by_name,
  undoneAt: r.undone_at?.toISOString() ?? null,
});

const mergeAbsent = () => new DomainError('MERGE_NOT_FOUND', 'No merge with this id');

/**
 * Two records of one person made one (a supervisor's decision): the other's cases move to this person,
 * the other is kept, marked merged. The merge remembers the links it moved, so an undo restores exactly
 * those — refused once any of them changed since. Every case of both persons gets a ledger entry.
 */
@Injectable()
export class PersonMerges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly security: SecurityLog,
    private readonly notices: RepeatNotices,
  ) {}

  async merge(actor: Actor, personId: string, otherPersonId: string): Promise<PersonMergeResponse> {
    if (personId === otherPersonId) throw new DomainError('MERGE_INTO_ITSELF', 'A person cannot be merged into themselves');
    const done = await this.dataSource.transaction(async (m) => {
      // Both rows locked in one order, so two merges of the same pair cannot deadlock.
      const rows = await m.query<{ id: string; region_code: string; merged_into: string | null; erased_at: Date | null; restricted_at: Date | null }[]>(
        'SELECT id, region_code, merged_into, erased_at, restricted_at FROM person WHERE id = ANY($1) ORDER BY id FOR UPDATE',
        [[personId, otherPersonId]],
      );
      for (const pid of [personId, otherPersonId]) {
        const row = rows.find((r) => r.id === pid);
        if (row === undefined) throw personAbsent();
        if (!inRegionScope(actor.regionCode, row.region_code)) await this.security.refuse(actor, { kind: 'person', id: pid, regionCode: row.region_code }, 'POST /persons/:id/merge', personAbsent());
        if (row.merged_into !== null) throw new DomainError('PERSON_MERGED', 'This person was merged into another already', undefined, undefined, { personId: pid, mergedInto: row.merged_into });
        // Erased or restricted data is not processed further (docs/personal-data.md).
        if (row.erased_at !== null) throw personErased();
        if (row.restricted_at !== null) throw processingRestricted();
      }
      const moved = await m.query<{ case_id: string; decision: string; decided_by_id: string; decided_by_name: string; decided_by_role: string; decided_at: Date }[]>(
        'SELECT * FROM case_person WHERE person_id = $1 ORDER BY case_id FOR UPDATE',
        [otherPersonId],
      );
      const links: MovedLink[] = moved.map((l) => ({ caseId: l.case_id, decision: l.decision, decidedById: l.decided_by_id, decidedByName: l.decided_by_name, decidedByRole: l.decided_by_role, decidedAt: l.decided_at.toISOString() }));
      const now = new Date();
      await m.query('UPDATE case_person SET person_id = $1 WHERE person_id = $2', [personId, otherPersonId]);
      await m.query('UPDATE person SET merged_into = $1, merged_at = $2 WHERE id = $3', [personId, now, otherPersonId]);
      const [merge] = await m.query<{ id: string }[]>(
        `INSERT INTO person_merge (person_id, merged_person_id, moved, merged_by_id, merged_by_name, merged_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [personId, otherPersonId, JSON.stringify(links), actor.id, actor.name, now],
      );
      const mergeId = (merge as { id: string }).id;
      const caseIds = await this.recordOnCases(m, actor, personId, 'personsMerged', `merge ${mergeId}`, { mergeId, personId, otherPersonId, movedCaseIds: links.map((l) => l.caseId) }, now);
      // A case of either person may now have an earlier case: its workflow hears of it, as after a link.
      const notices: (PendingRepeatNotice | undefined)[] = [];
      for (const caseId of caseIds) notices.push(await this.notices.record(m, actor, caseId, personId));
      return { mergeId, notices };
    });
    for (const notice of done.notices) if (notice !== undefined) await this.notices.deliver(notice);
    return this.load(done.mergeId);
  }

  async undo(actor: Actor, mergeId: string): Promise<PersonMergeResponse> {
    await this.dataSource.transaction(async (m) => {
      const [merge] = await m.query<(MergeRow & { region_code: string })[]>(
        'SELECT g.*, p.region_code FROM person_merge g JOIN person p ON p.id = g.person_id WHERE g.id = $1 FOR UPDATE OF g',
        [mergeId],
      );
      if (merge === undefined) throw mergeAbsent();
      if (!inRegionScope(actor.regionCode, merge.region_code)) await this.security.refuse(actor, { kind: 'person', id: merge.person_id, regionCode: merge.region_code }, 'POST /persons/merges/:mergeId/undo', mergeAbsent());
      if (merge.undone_at !== null) throw new DomainError('MERGE_ALREADY_UNDONE', 'This merge is undone already');
      const pair = await m.query<{ erased_at: Date | null }[]>('SELECT erased_at FROM person WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[merge.person_id, merge.merged_person_id]]);
      // Erasure emptied both records: an undo would hand cases back to a record nobody can recognise.
      if (pair.some((p) => p.erased_at !== null)) throw personErased();
      const caseIds = merge.moved.map((l) => l.caseId);
      const still = await m.query<{ case_id: string }[]>('SELECT case_id FROM case_person WHERE case_id = ANY($1) AND person_id = $2 FOR UPDATE', [caseIds, merge.person_id]);
      const [other] = await m.query<{ merged_into: string | null }[]>('SELECT merged_into FROM person WHERE id = $1', [merge.merged_person_id]);
      if (still.length !== caseIds.length || other?.merged_into !== merge.person_id) {
        throw new DomainError('MERGE_CHANGED_SINCE', 'Cases of this merge were linked otherwise since; it cannot be undone exactly');
      }
      const now = new Date();
      for (const l of merge.moved) {
        await m.query('UPDATE case_person SET person_id = $2, decision = $3, decided_by_id = $4, decided_by_name = $5, decided_by_role = $6, decided_at = $7 WHERE case_id = $1', [
          l.caseId, merge.merged_person_id, l.decision, l.decidedById, l.decidedByName, l.decidedByRole, l.decidedAt,
        ]);
      }
      await m.query('UPDATE person SET merged_into = NULL, merged_at = NULL WHERE id = $1', [merge.merged_person_id]);
      await m.query('UPDATE person_merge SET undone_by_id = $2, undone_by_name = $3, undone_at = $4 WHERE id = $1', [mergeId, actor.id, actor.name, now]);
      const payload = { mergeId, personId: merge.person_id, otherPersonId: merge.merged_person_id, movedCaseIds: caseIds };
      await this.recordOnCases(m, actor, merge.person_id, 'personMergeUndone', `merge ${mergeId} undone`, payload, now, merge.merged_person_id);
    });
    return this.load(mergeId);
  }

  /** One entry on every case of the persons concerned (after the change). */
  private async recordOnCases(m: EntityManager, actor: Actor, personId: string, action: PersonLedgerAction, summary: string, payload: Record<string, unknown>, at: Date, alsoPersonId?: string): Promise<string[]> {
    const cases = await m.query<LedgerCase[]>(
      `SELECT ${LEDGER_CASE_COLUMNS} FROM case_person l JOIN case_view c ON c.id = l.case_id WHERE l.person_id = ANY($1) ORDER BY c.id`,
      [[personId, ...(alsoPersonId ? [alsoPersonId] : [])]],
    );
    for (const kase of cases) await recordPersonEvent(m, actor, kase, action, summary, payload, at);
    return cases.map((c) => c.id);
  }

  private async load(mergeId: string): Promise<PersonMergeResponse> {
    const [row] = await this.dataSource.query<MergeRow[]>('SELECT * FROM person_merge WHERE id = $1', [mergeId]);
    return toMerge(row as MergeRow);
  }

  /** Merges into a person that are not undone, newest first. */
  async openMerges(personId: string): Promise<PersonMergeResponse[]> {
    const rows = await this.dataSource.query<MergeRow[]>('SELECT * FROM person_merge WHERE person_id = $1 AND undone_at IS NULL ORDER BY merged_at DESC', [personId]);
    return rows.map(toMerge);
  }
}
