import { Instant } from './validation/instant.decorator';

/** A time window of a search: from an instant (inclusive) up to another (exclusive), both optional. */
export class TimeRangeQuery {
  /** From this instant (inclusive). */
  @Instant({ optional: true })
  from?: string;

  /** Up to this instant (exclusive). */
  @Instant({ optional: true })
  to?: string;
}
