import { regionScopeCondition } from './region-scope';

/**
 * A WHERE clause built condition by condition with numbered parameters: `add('action = ?', v)`
 * binds `v` as the next `$n` (every `?` of the condition stands for that one value). Conditions are
 * joined with AND; values never enter the SQL text.
 */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  add(condition: string, value: unknown): this {
    const placeholder = `$${this.params.push(value)}`;
    this.conditions.push(condition.replaceAll('?', placeholder));
    return this;
  }

  /** Rows of the region scope `scope` in `column` (src/common/region-scope.ts: an index condition where one can be). */
  inRegion(column: string, scope: string): this {
    return this.raw(this.regionCondition(column, scope));
  }

  /** The condition of `inRegion`, its values bound, for use inside another condition (a subquery). */
  regionCondition(column: string, scope: string): string {
    const c = regionScopeCondition(scope);
    const bind = (value: string): string => `$${this.params.push(value)}`;
    if (c.kind === 'equal') return `${column} = ${bind(c.value)}`;
    if (c.kind === 'range') return `${column} >= ${bind(c.from)} AND ${column} < ${bind(c.below)}`;
    if (c.kind === 'prefix') return `${column} LIKE ${bind(c.pattern)}`;
    return 'true';
  }

  /** A condition without a value (only ever a constant of our own). */
  raw(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get where(): string {
    return this.conditions.length === 0 ? 'true' : this.conditions.join(' AND ');
  }
}
