import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { catalogues } from '../../i18n/catalogues';
import { zoneOf } from '../../lib/time';

/** What a report is asked for, as the API's query (`GET /reports/<section>`): empty ones left out. */
export interface ReportFilter {
  from?: string;
  to?: string;
  region?: string;
  category?: string;
  agency?: string;
}

const FILTER_KEYS = ['from', 'to', 'region', 'category', 'agency'] as const;
export const SECTIONS = ['intake', 'caseload', 'timeliness', 'reintegration', 'repeats', 'regions'] as const;
export type Section = (typeof SECTIONS)[number];

const PPKS_CODES = Object.keys(catalogues.id.common.ppks);
const AGENCY_CODES = Object.keys(catalogues.id.common.agency);

/**
 * The dashboard's view lives in the address (`?bagian=timeliness&from=…&region=…`), so a view can be
 * shared and survives back and reload; without dates the API reports the current month up to today.
 */
export function useReportParams() {
  const [params, setParams] = useSearchParams();
  const filter: ReportFilter = Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const wanted = params.get('bagian');
  const section: Section = (SECTIONS as readonly string[]).includes(wanted ?? '') ? (wanted as Section) : 'intake';
  const write = (next: ReportFilter, nextSection: Section) => {
    const entries = Object.entries(next).filter(([, v]) => typeof v === 'string' && v.trim() !== '') as [string, string][];
    setParams({ ...(nextSection !== 'intake' ? { bagian: nextSection } : {}), ...Object.fromEntries(entries.map(([k, v]) => [k, v.trim()])) });
  };
  return { filter, section, version: params.toString(), setFilter: (next: ReportFilter) => write(next, section), setSection: (next: Section) => write(filter, next) };
}

/** Today's date in the region's own zone (`YYYY-MM-DD`). */
function todayIn(regionCode: string | null | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zoneOf(regionCode).iana, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The first day of the month `back` months before `date`'s, and that month's last day. */
function monthOf(date: string, back: number): { first: string; last: string } {
  const start = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 - back, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
  return { first: start.toISOString().slice(0, 10), last: end.toISOString().slice(0, 10) };
}

const QUICK_PERIODS = ['thisMonth', 'lastMonth', 'last3Months'] as const;
type QuickPeriod = (typeof QUICK_PERIODS)[number];

export function quickPeriod(choice: QuickPeriod, regionCode: string | null | undefined): { from: string; to: string } {
  const today = todayIn(regionCode);
  if (choice === 'lastMonth') {
    const { first, last } = monthOf(today, 1);
    return { from: first, to: last };
  }
  return { from: monthOf(today, choice === 'thisMonth' ? 0 : 2).first, to: today };
}

/**
 * The filter form: a draft applied on submit; the quick periods apply at once. The region field shows
 * only to province and national staff (a kab/kota's people report on their kab/kota).
 */
export function ReportFilters({ filter, onApply, regionCode }: { filter: ReportFilter; onApply: (next: ReportFilter) => void; regionCode: string | null | undefined }) {
  const { t } = useTranslation('reports');
  const [draft, setDraft] = useState<ReportFilter>(filter);
  const set = (key: keyof ReportFilter, value: string | null) => setDraft((d) => ({ ...d, [key]: value ?? '' }));
  const wide = (regionCode ?? '').replace(/\D/g, '').length !== 4;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form onSubmit={submit} role="search" aria-label={t('filter.legend')}>
      <Group gap="xs" mb="xs" wrap="wrap" role="group" aria-label={t('filter.quick')}>
        {QUICK_PERIODS.map((choice) => (
          <Button key={choice} size="xs" variant="light" onClick={() => onApply({ ...filter, ...quickPeriod(choice, regionCode) })}>
            {t(`filter.${choice}`)}
          </Button>
        ))}
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label={t('filter.from')} value={draft.from ?? ''} onChange={(e) => set('from', e.currentTarget.value)} w={170} />
        <TextInput type="date" label={t('filter.to')} value={draft.to ?? ''} onChange={(e) => set('to', e.currentTarget.value)} w={170} />
        {wide && <TextInput label={t('filter.region')} description={t('filter.regionHint')} value={draft.region ?? ''} onChange={(e) => set('region', e.currentTarget.value)} w={220} />}
        <Select
          label={t('filter.category')}
          placeholder={t('filter.all')}
          data={PPKS_CODES.map((code) => ({ value: code, label: `${code} ${t(`common:ppks.${code}`)}` }))}
          value={draft.category ?? null}
          onChange={(v) => set('category', v)}
          searchable
          clearable
          w={260}
        />
        <Select
          label={t('filter.agency')}
          placeholder={t('filter.all')}
          data={AGENCY_CODES.map((code) => ({ value: code, label: t(`common:agency.${code}`) }))}
          value={draft.agency ?? null}
          onChange={(v) => set('agency', v)}
          searchable
          clearable
          w={220}
        />
        <Group gap="xs">
          <Button type="submit">{t('filter.apply')}</Button>
          <Button variant="default" onClick={() => onApply({})}>
            {t('filter.reset')}
          </Button>
        </Group>
      </Group>
    </form>
  );
}
