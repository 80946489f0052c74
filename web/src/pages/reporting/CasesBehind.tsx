import { Anchor, Drawer, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { operations } from '../../api/schema';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { formatRegion } from '../../lib/region';
import type { ReportFilter } from './filters';

const LIMIT = 10;

export interface DrillTarget {
  figure: operations['ReportsController_cases']['parameters']['query']['figure'];
  key: string;
  /** The figure's title and the row's label, for the drawer's heading. */
  figureTitle: string;
  rowLabel: string;
}

/** The cases behind one row of a figure (GET /reports/cases), newest first, paged, each linked to its case page. */
function CasesList({ target, filter }: { target: DrillTarget; filter: ReportFilter }) {
  const { t } = useTranslation('reports');
  const [offset, setOffset] = useState(0);
  const query = { ...filter, figure: target.figure, key: target.key, limit: LIMIT, offset };
  const cases = useQuery({ queryKey: ['report-cases', query], queryFn: () => call(api.GET('/reports/cases', { params: { query } })) });
  return (
    <>
      <ErrorAlert error={cases.error} />
      {cases.isPending && <Text c="dimmed">{t('common:state.loading')}</Text>}
      {cases.data?.items.length === 0 && <Text c="dimmed">{t('drill.empty')}</Text>}
      {cases.data !== undefined && cases.data.items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('drill.case')}>
          <Table miw={560} striped verticalSpacing="xs" data-testid="drill-cases">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('drill.case')}</Table.Th>
                <Table.Th>{t('drill.channel')}</Table.Th>
                <Table.Th>{t('drill.stage')}</Table.Th>
                <Table.Th>{t('drill.categories')}</Table.Th>
                <Table.Th>{t('drill.openedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.data.items.map((c) => (
                <Table.Tr key={c.id} data-testid="drill-case">
                  <Table.Td>
                    <Anchor component={Link} to={`/kasus/${c.id}`} ff="monospace" size="sm" aria-label={t('drill.open', { id: c.id.slice(0, 8) })}>
                      {c.id.slice(0, 8)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatRegion(c.regionCode)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`common:channel.${c.channel}`, { defaultValue: c.channel })}</Table.Td>
                  <Table.Td>{t(`common:stage.${c.stage}`, { defaultValue: c.stage })}</Table.Td>
                  <Table.Td>{c.categories.length === 0 ? t('row.noCategory') : c.categories.join(', ')}</Table.Td>
                  <Table.Td>
                    <DateTime value={c.openedAt} regionCode={c.regionCode} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {cases.data !== undefined && cases.data.total > 0 && <Pager total={cases.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </>
  );
}

/** A drawer over the dashboard (full screen on a phone) listing the cases behind the chosen row. */
export function CasesBehind({ target, filter, onClose }: { target: DrillTarget | null; filter: ReportFilter; onClose: () => void }) {
  const { t } = useTranslation('reports');
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Drawer opened={target !== null} onClose={onClose} position="right" size={phone === true ? '100%' : 'xl'} title={target === null ? '' : t('drill.title', { figure: target.figureTitle, row: target.rowLabel })} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      {target !== null && <CasesList key={`${target.figure}:${target.key}`} target={target} filter={filter} />}
    </Drawer>
  );
}
