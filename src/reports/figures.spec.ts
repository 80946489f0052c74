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

describe('small-cell suppression across a row', () => {
  it("hides a row's total with any of its counts, and the share computed over it", () => {
    const f = suppress({
      id: 'esc',
      columns: [{ key: 'level2', kind: 'count' }, { key: 'level3', kind: 'count' }, { key: 'total', kind: 'count', total: true }, { key: 'pct', kind: 'percent', base: 'total', part: 'level3' }],
      rows: [{ key: 'DINSOS', cells: [12, 3, 15, 20] }],
    });
    expect(f.rows[0]!.cells).toEqual([12, '<5', '<5', null]);
  });

  it('drops a share whose numerator was hidden by the second rule (80 % of 25 would give it back)', () => {
    const f = suppress({
      id: 'fr',
      columns: [{ key: 'assessed', kind: 'count' }, { key: 'within', kind: 'count' }, { key: 'pct', kind: 'percent', base: 'assessed', part: 'within' }],
      rows: [{ key: 'RAZIA', cells: [6, 3, 50] }, { key: 'COMPLAINT', cells: [25, 20, 80] }],
    });
    expect(f.rows.map((r) => r.cells)).toEqual([[6, '<5', null], [25, '<5', null]]);
  });

  it("hides a child age group with its mirror, so the children's total cannot give back a hidden one", () => {
    const f = suppress({
      id: 'age',
      columns: [{ key: 'cases', kind: 'count' }, { key: 'children', kind: 'count', mirrors: 'cases' }],
      rows: [{ key: '0-5', cells: [3, 3] }, { key: '6-12', cells: [10, 10] }, { key: '13-17', cells: [0, 0] }, { key: '18-59', cells: [40, 0] }, { key: '60+', cells: [7, 0] }],
    });
    expect(f.rows.map((r) => r.cells)).toEqual([['<5', '<5'], ['<5', '<5'], [0, 0], [40, 0], ['<5', 0]]);
  });
});
