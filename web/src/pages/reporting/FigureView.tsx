import { BarChart } from '@mantine/charts';
import { Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Figure, FigureRow } from './labels';
import { chartColumns, columnLabel, dimensionLabel, formatCell, rowLabel } from './labels';

const COLORS = ['teal.8', 'indigo.7', 'orange.8', 'grape.7', 'cyan.8', 'red.8', 'lime.9'];

/** Opens the cases behind a row (absent where the figure has none or the reader may not list cases). */
export type OnDrill = (figure: Figure, row: FigureRow) => void;

/** A horizontal bar chart of the figure (per cents, else hours, else counts); drawn, not read: the table says the same. */
function FigureChart({ figure, onDrill }: { figure: Figure; onDrill?: OnDrill }) {
  const { t } = useTranslation();
  const columns = chartColumns(figure);
  const data = figure.rows.map((row) => ({
    key: row.key,
    label: rowLabel(t, figure.id, row),
    ...Object.fromEntries(columns.map((i) => [figure.columns[i]!.key, typeof row.cells[i] === 'number' ? row.cells[i] : null])),
  }));
  const drill = onDrill === undefined ? undefined : (entry: { payload?: { key?: string } }) => {
    const row = figure.rows.find((r) => r.key === entry.payload?.key);
    if (row !== undefined) onDrill(figure, row);
  };
  return (
    <div aria-hidden="true" data-testid="figure-chart">
      <BarChart
        h={Math.max(140, figure.rows.length * 34 * Math.max(1, columns.length * 0.7) + 50)}
        data={data}
        dataKey="label"
        orientation="vertical"
        yAxisProps={{ width: 130 }}
        series={columns.map((i, n) => ({ name: figure.columns[i]!.key, label: columnLabel(t, figure.columns[i]!.key), color: COLORS[n % COLORS.length]! }))}
        withLegend={columns.length > 1}
        withTooltip
        barProps={drill === undefined ? {} : { onClick: drill, cursor: 'pointer' }}
      />
    </div>
  );
}

/**
 * One figure of a report: its title, a one-line definition, a chart, and the same numbers as a table
 * (the accessible form; its caption names the figure, region and period). `<5` stays `<5`; a dash is a
 * share or a time over too small a base. With `onDrill`, each row's first count opens the cases behind it.
 */
export function FigureView({ figure, caption, onDrill }: { figure: Figure; caption: string; onDrill?: OnDrill }) {
  const { t, i18n } = useTranslation('reports');
  const title = t(`figure.${figure.id}.title`, { defaultValue: figure.id });
  const headingId = `figure-${figure.id.replace(/\./g, '-')}`;
  const flat = figure.rows.flatMap((r) => r.cells);
  const drill = figure.drillDown ? onDrill : undefined;
  const countColumn = figure.columns.findIndex((c) => c.kind === 'count');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`figure-${figure.id}`}>
      <Stack gap="xs">
        <div>
          <Title order={3} size="h5" id={headingId}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`figure.${figure.id}.definition`, { defaultValue: '' })}
          </Text>
        </div>
        {figure.rows.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
        {figure.rows.length > 1 && <FigureChart figure={figure} onDrill={drill} />}
        {drill !== undefined && figure.rows.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('chartHint')}
          </Text>
        )}
        {figure.rows.length > 0 && (
          // A region that scrolls on a phone must be reachable by keyboard (tabbable, named), as elsewhere in the app.
          <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
            <Table miw={Math.max(300, 150 + figure.columns.length * 110)} striped withTableBorder verticalSpacing={4} captionSide="top" data-testid="figure-table">
              <Table.Caption style={{ textAlign: 'left' }}>{`${title} — ${caption}`}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{dimensionLabel(t, figure.id)}</Table.Th>
                  {figure.columns.map((c) => (
                    <Table.Th key={c.key} scope="col" ta="right">
                      {columnLabel(t, c.key)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figure.rows.map((row) => (
                  <Table.Tr key={row.key} data-row={row.key}>
                    <Table.Th scope="row" fw={500}>
                      {rowLabel(t, figure.id, row)}
                    </Table.Th>
                    {row.cells.map((cell, i) => {
                      const text = formatCell(cell, figure.columns[i]!.kind, i18n.language);
                      const explained = cell === '<5' ? t('cell.suppressed') : cell === null ? t('cell.notComputed') : undefined;
                      const shown = explained === undefined ? text : <abbr title={explained}>{text}</abbr>;
                      return (
                        <Table.Td key={figure.columns[i]!.key} ta="right" data-column={figure.columns[i]!.key}>
                          {drill !== undefined && i === countColumn && cell !== 0 && cell !== null ? (
                            <UnstyledButton className="figure-drill" onClick={() => drill(figure, row)} aria-label={t('showCases', { value: text, row: rowLabel(t, figure.id, row) })}>
                              {text}
                            </UnstyledButton>
                          ) : (
                            shown
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {flat.includes('<5') && (
          <Text size="xs" c="dimmed">
            {t('note.suppressed')}
          </Text>
        )}
        {flat.includes(null) && (
          <Text size="xs" c="dimmed">
            {t('note.notComputed')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
