import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { RaziaFieldError } from './razia-rows';

/** What a razia decided for the person at one position: the case it opens, or the row's refusal. */
export interface RaziaRowRecord {
  position: number;
  /** Present when the row opens a case (its id derives from the razia id and the position). */
  caseId?: string;
  /** Present when the row was refused: field names and codes, never the values. */
  errors?: RaziaFieldError[];
}

/**
 * One razia (Satpol PP sweep). Operation fields only: the people found live in their cases. Keyed
 * for exactly-once by (recorder, Idempotency-Key): concurrent identical submissions race on that
 * unique index and converge on one row.
 */
@Entity({ name: 'razia' })
@Index('razia_region_occurred_idx', ['regionCode', 'occurredAt'])
export class RaziaEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'recorded_by_id' })
  recordedById!: string;

  /** Staff identity of the recorder (no client data). */
  @Column('jsonb', { name: 'recorded_by' })
  recordedBy!: Actor;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column('text', { name: 'request_fingerprint' })
  requestFingerprint!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text')
  place!: string;

  @Column('varchar', { name: 'village_code', length: 10, nullable: true })
  villageCode!: string | null;

  @Column('varchar', { name: 'region_code', length: 4 })
  regionCode!: string;

  @Column('text')
  team!: string;

  @Column('jsonb')
  rows!: RaziaRowRecord[];

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
