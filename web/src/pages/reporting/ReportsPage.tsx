import { SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/time';
import { formatRegion } from '../../lib/region';
import type { DrillTarget } from './CasesBehind';
import { CasesBehind } from './CasesBehind';
import { FigureView } from './FigureView';
import type { OnDrill } from './FigureView';
import type { ReportFilter, Section } from './filters';
import { ReportFilters, SECTIONS, useReportParams } from './filters';
import { rowLabel } from './labels';

/** Every section answers the same query with the same shape (ReportResponse); only the path differs. */
const PATHS = {
  intake: '/reports/intake',
  caseload: '/reports/caseload',
  timeliness: '/reports/timeliness',
  reintegration: '/reports/reintegration',
  repeats: '/reports/repeats',
  regions: '/reports/regions',
} as const satisfies Record<Section, string>;

/** One section's figures, side by side on a wide screen, one under the other on a phone. */
function SectionFigures({ section, filter, onDrill }: { section: Section; filter: ReportFilter; onDrill?: OnDrill }) {
  const { t, i18n } = useTranslation('reports');
  const report = useQuery({ queryKey: ['report', section, filter], queryFn: () => call(api.GET(PATHS[section] as '/reports/intake', { params: { query: filter } })) });
  if (report.error !== null) return <ErrorAlert error={report.error} />;
  if (report.data === undefined) return <Text c="dimmed">{t('common:state.loading')}</Text>;
  const r = report.data;
  const caption = t('scope', { region: r.region === '' ? t('national') : formatRegion(r.region), from: r.from, to: r.to, zone: r.zone });
  return (
    <Stack gap="sm" data-testid={`report-${section}`} data-from={r.from} data-to={r.to}>
      <Text size="sm" data-testid="report-scope">
        {caption} · {t('generatedAt', { at: formatDateTime(r.generatedAt, r.region || '35', i18n.language) })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {r.figures.map((figure) => (
          <FigureView key={figure.id} figure={figure} caption={caption} onDrill={onDrill} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/**
 * The coordination forum's dashboard (/laporan): the report sections as tabs, each figure a chart and
 * its table. Roles that may list cases (not admins) open the cases behind a row of a drill-down figure.
 */
export function ReportsPage() {
  const { t } = useTranslation('reports');
  const me = useMe().data;
  const { filter, section, version, setFilter, setSection } = useReportParams();
  const [target, setTarget] = useState<DrillTarget | null>(null);
  const onDrill: OnDrill | undefined = can(me, 'case.list')
    ? (figure, row) => setTarget({ figure: figure.id as DrillTarget['figure'], key: row.key, figureTitle: t(`figure.${figure.id}.title`, { defaultValue: figure.id }), rowLabel: rowLabel(t, figure.id, row) })
    : undefined;
  return (
    <Stack gap="md">
      <div>
        <PageHeader title={t('title')} intro={t('intro', { region: formatRegion(filter.region ?? me?.regionCode) })} />
      </div>
      <ReportFilters key={version} filter={filter} onApply={setFilter} regionCode={me?.regionCode} />
      <Tabs value={section} onChange={(v) => v !== null && setSection(v as Section)} keepMounted={false}>
        <Tabs.List aria-label={t('sectionsLabel')} style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s} value={s} style={{ whiteSpace: 'nowrap' }}>
              {t(`section.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECTIONS.map((s) => (
          <Tabs.Panel key={s} value={s} pt="md">
            <SectionFigures section={s} filter={filter} onDrill={onDrill} />
          </Tabs.Panel>
        ))}
      </Tabs>
      <CasesBehind target={target} filter={filter} onClose={() => setTarget(null)} />
    </Stack>
  );
}
