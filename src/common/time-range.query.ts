import { IsISO8601, IsOptional } from 'class-validator';

/** A time window of a search: from an instant (inclusive) up to another (exclusive), both optional. */
export class TimeRangeQuery {
  /** From this instant (inclusive). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Up to this instant (exclusive). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
