import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Claims an `Idempotency-Key` for one case. The primary key makes concurrent retries race in the
 * database, where exactly one insert wins; the fingerprint detects a key reused for another body.
 */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKeyEntity {
  /** `<operation>:<client key>`, e.g. `open-case:3f2c...`. */
  @PrimaryColumn('text')
  key!: string;

  @Column('text', { name: 'request_fingerprint' })
  requestFingerprint!: string;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
