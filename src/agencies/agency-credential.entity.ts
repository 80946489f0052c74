import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A machine credential of an agency system (`X-Api-Key: <keyId>.<secret>`). Only a SHA-256 of the
 * random 256-bit secret is stored; revocation takes effect on the next request.
 */
@Entity({ name: 'agency_credential' })
export class AgencyCredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'agency_id' })
  agencyId!: string;

  @Column('text', { name: 'key_id', unique: true })
  keyId!: string;

  @Column('text', { name: 'secret_hash' })
  secretHash!: string;

  @Column('text')
  label!: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;
}
