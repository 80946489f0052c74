/**
 * A WHERE clause built condition by condition with numbered parameters: `add('region_code LIKE ?', v)`
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

  /** A condition without a value (only ever a constant of our own). */
  raw(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get where(): string {
    return this.conditions.length === 0 ? 'true' : this.conditions.join(' AND ');
  }
}
