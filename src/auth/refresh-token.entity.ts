import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One refresh token (`<id>.<secret>`, SHA-256 of the secret stored). Rotated on every use; presenting
 * a rotated token again revokes its whole family (a stolen token is then useless to both parties).
 */
@Entity({ name: 'refresh_token' })
export class RefreshTokenEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('uuid', { name: 'family_id' })
  familyId!: string;

  @Column('text', { name: 'secret_hash' })
  secretHash!: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
