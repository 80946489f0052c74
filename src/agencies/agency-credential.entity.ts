import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CredentialStatus } from './credential-status';

/**
 * A machine credential of an agency system (`X-Api-Key: <keyId>.<secret>`). An admin issues it
 * without a secret; the secret is made when a supervisor confirms it (two-person rule). Only a SHA-256
 * of the random 256-bit secret is stored; revocation takes effect on the next request.
 */
@Entity({ name: 'agency_credential' })
export class AgencyCredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'agency_id' })
  agencyId!: string;

  @Column('text', { name: 'key_id', unique: true })
  keyId!: string;

  /** Null until a supervisor confirms the key (PostgreSQL checks: a secret exactly when confirmed). */
  @Column('text', { name: 'secret_hash', nullable: true })
  secretHash!: string | null;

  @Column('text')
  label!: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  /** The supervisor who confirmed the key (null for keys issued before the two-person rule). */
  @Column('uuid', { name: 'confirmed_by', nullable: true })
  confirmedBy!: string | null;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  /** Derived by PostgreSQL from confirmation and revocation (a generated column): never written. */
  @Column({ type: 'text', insert: false, update: false })
  status!: CredentialStatus;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;
}
