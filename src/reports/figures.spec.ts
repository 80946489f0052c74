import { suppress } from './figures';

describe('small-cell suppression', () => {
  const counts = (cells: (number | null)[][]) => ({
    id: 't',
    columns: [{ key: 'n', kind: 'count' as const }, { key: 'late', kind: 'count' as const }, { key: 'pct', kind: 'percent' as const, base: 'n', part: 'late' }],
    rows: cells.map((c, i) => ({ key: `k${i}`, cells: c })),
  });

  it('shows counts from 1 to 4 as "<5", keeps 0 and 5 and above', () => {
    const f = suppress(counts([[0, 0, null], [4, 0, 0], [5, 0, 0], [12, 6, 50], [3, 0, 0]]));
    expect(f.rows.map((r) => r.cells[0])).toEqual([0, '<5', 5, 12, '<5']);
  });

  it('suppresses a second cell when a column would otherwise hide only one (recoverable from the total)', () => {
    const f = suppress(counts([[4, 0, 0], [7, 0, 0], [30, 0, 0]]));
    expect(f.rows.map((r) => r.cells[0])).toEqual(['<5', '<5', 30]);
  });

  it('drops a share whose base or numerator is a small cell', () => {
    const f = suppress(counts([[4, 2, 50], [20, 3, 15], [20, 10, 50], [40, 20, 50]]));
    expect(f.rows.map((r) => r.cells[2])).toEqual([null, null, 50, 50]);
    expect(f.rows[1]!.cells[1]).toBe('<5');
  });
});
