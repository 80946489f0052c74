import { ApiProperty } from '@nestjs/swagger';
import type { IntakeChannel } from '../../../workflows/contracts/case';

/** A village Puskesos: where its officers take complaints in. */
export class IntakePointDto {
  /** Kemendagri desa/kelurahan code, plain 10 digits (e.g. `7303022005`). */
  villageCode!: string;
  /** The Puskesos's name. */
  name!: string;
  agencyCode!: string;
  /** The kab/kota the village lies in (the case's region). */
  regionCode!: string;
  /** What a Puskesos takes in: complaints (pengaduan). */
  @ApiProperty({ enum: ['COMPLAINT'] })
  channel!: Extract<IntakeChannel, 'COMPLAINT'>;
}

export class IntakePointResponse {
  /** Your intake point when you are a Puskesos officer; null for everyone else (they record none). */
  intakePoint!: IntakePointDto | null;
}
