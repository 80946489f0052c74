import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A failed login, counted per submitted username and per client address for lockouts. */
@Entity({ name: 'login_failure' })
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('text')
  username!: string;

  @Column('text')
  address!: string;

  @Column('timestamptz', { name: 'failed_at', default: () => 'now()' })
  failedAt!: Date;
}
