import { ApiProperty } from '@nestjs/swagger';

/** The protocol a new case of a kab/kota pins: its own file in protocols/, or the national default. */
export class RegionProtocolResponse {
  /** `default`, or the kab/kota code of its own protocol (protocols/<id>.v<version>.json). */
  id!: string;
  version!: number;
  /** The protocol document's name, e.g. "Kota Sukabumi" or "National default". */
  name!: string;
}

/** A province or kab/kota inside your scope that Sinergi knows of, with what is set up there. */
export class RegionResponse {
  /** Plain code: province (`32`) or kab/kota (`3272`). */
  regionCode!: string;
  @ApiProperty({ enum: ['PROVINCE', 'KAB_KOTA'] })
  level!: 'PROVINCE' | 'KAB_KOTA';
  /** The name from the region's own protocol, when it has one; null otherwise. */
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  /** Agencies of exactly this region (active or not). */
  agencies!: number;
  /** Accounts whose scope is exactly this region. */
  users!: number;
  /** Kab/kota: the protocol its new cases get. Null for a province (cases are opened in a kab/kota). */
  @ApiProperty({ type: RegionProtocolResponse, nullable: true })
  protocol!: RegionProtocolResponse | null;
}

export class RegionListResponse {
  /** Your region scope: a province, a kab/kota, or `""` (national). */
  scope!: string;
  /**
   * Your own scope (unless national), every region of it with agencies, accounts or its own protocol,
   * sorted by code. A kab/kota not listed yet is onboarded by creating its first agency or account.
   */
  @ApiProperty({ type: [RegionResponse] })
  items!: RegionResponse[];
}
