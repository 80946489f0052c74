import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseStage } from '../../workflows/contracts/case';
import type { PersonDecision, RepeatResponse } from './dto/person.response';
import { closureOf } from './person-rows';

/** A case's person, as the case's answers carry it. */
export interface CasePerson {
  personId: string | null;
  decision: PersonDecision | null;
  repeat: RepeatResponse | null;
}

interface RepeatRow {
  case_id: string;
  person_id: string;
  decision: PersonDecision;
  count: number;
  last_stage: CaseStage | null;
  last_closed_stage: CaseStage | null;
  last_closure: { reason: string } | null;
  last_closed_at: Date | null;
  last_closed_opened_at: Date | null;
}

const NONE: CasePerson = { personId: null, decision: null, repeat: null };

/**
 * Who each case is about and whether it is a repeat: the person's cases opened before it, how many,
 * the latest one's stage and the most recent closure among them. Earlier cases of other regions count
 * (a summary, no personal data of theirs is shown).
 */
@Injectable()
export class CaseRepeats {
  constructor(private readonly dataSource: DataSource) {}

  async of(caseIds: readonly string[]): Promise<Map<string, CasePerson>> {
    const found = new Map<string, CasePerson>(caseIds.map((id) => [id, NONE]));
    if (caseIds.length === 0) return found;
    const rows = await this.dataSource.query<RepeatRow[]>(
      `SELECT l.case_id, l.person_id, l.decision, e.count, latest.stage AS last_stage,
              closed.stage AS last_closed_stage, closed.closure AS last_closure, closed.stage_entered_at AS last_closed_at, closed.opened_at AS last_closed_opened_at
       FROM case_person l JOIN case_view c ON c.id = l.case_id
       CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM case_person o JOIN case_view oc ON oc.id = o.case_id WHERE o.person_id = l.person_id AND oc.opened_at < c.opened_at) e
       LEFT JOIN LATERAL (SELECT oc.stage FROM case_person o JOIN case_view oc ON oc.id = o.case_id
                          WHERE o.person_id = l.person_id AND oc.opened_at < c.opened_at ORDER BY oc.opened_at DESC, oc.id LIMIT 1) latest ON true
       LEFT JOIN LATERAL (SELECT oc.stage, oc.closure, oc.stage_entered_at, oc.opened_at FROM case_person o JOIN case_view oc ON oc.id = o.case_id
                          WHERE o.person_id = l.person_id AND oc.opened_at < c.opened_at AND oc.stage = 'CLOSED'
                          ORDER BY coalesce(oc.stage_entered_at, oc.opened_at) DESC, oc.id LIMIT 1) closed ON true
       WHERE l.case_id = ANY($1)`,
      [caseIds],
    );
    for (const r of rows) {
      const lastClosure = r.last_closed_stage === null || r.last_closed_opened_at === null ? null : closureOf({ stage: r.last_closed_stage, closure: r.last_closure, stage_entered_at: r.last_closed_at, opened_at: r.last_closed_opened_at });
      found.set(r.case_id, {
        personId: r.person_id,
        decision: r.decision,
        repeat: r.count === 0 || r.last_stage === null ? null : { count: r.count, lastClosure, lastStage: r.last_stage },
      });
    }
    return found;
  }

  /** The items with their `personId` and `repeat` filled in. */
  async attach<T extends { id: string }>(items: T[]): Promise<(T & { personId: string | null; repeat: RepeatResponse | null })[]> {
    const found = await this.of(items.map((i) => i.id));
    return items.map((item) => {
      const p = found.get(item.id) ?? NONE;
      return { ...item, personId: p.personId, repeat: p.repeat };
    });
  }
}
