import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { PPKS_CODES, STAGES } from './caseListQuery';
import type { FilterChanges, FilterParam } from './caseListQuery';

interface Props {
  params: URLSearchParams;
  /** The search text (kept out of the address bar: it may be a name or a NIK). */
  search: string;
  onFilter: (changes: FilterChanges) => void;
  onReset: () => void;
  /** Whether the caller's scope holds more than one kab/kota (a province): only then is the region a choice. */
  regionChoice: boolean;
}

/** Text typed into the search (and region) box applies on Enter or the button; it starts from the history entry. */
function SearchForm({ params, search, onFilter, regionChoice }: Omit<Props, 'onReset'>) {
  const { t } = useTranslation('intake');
  const [q, setQ] = useState(search);
  const [region, setRegion] = useState(params.get('regionCode') ?? '');
  return (
    <form
      role="search"
      aria-label={t('list.search')}
      onSubmit={(e) => {
        e.preventDefault();
        onFilter(regionChoice ? { q, regionCode: region } : { q });
      }}
    >
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput type="search" name="q" label={t('list.search')} placeholder={t('list.searchPlaceholder')} description={t('list.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: '1 1 12rem' }} autoComplete="off" />
        {regionChoice && <TextInput name="regionCode" label={t('list.region')} placeholder={t('list.regionPlaceholder')} value={region} onChange={(e) => setRegion(e.currentTarget.value)} w={140} autoComplete="off" />}
        <Button type="submit" style={{ flex: '0 0 auto' }}>
          {t('list.searchSubmit')}
        </Button>
      </Group>
    </form>
  );
}

/** The list's filters: each choice goes to the address bar at once (shareable, the back button restores it). */
export function CaseFilters({ params, search, onFilter, onReset, regionChoice }: Props) {
  const { t } = useTranslation('intake');
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => call(api.GET('/agencies')), staleTime: 5 * 60_000 });
  const agencyCodes = [...new Set((agencies.data ?? []).map((a) => a.code))].sort();
  const any = { value: '', label: t('list.any') };
  const repeatChoices = [
    { value: 'true', label: t('persons:repeat.only') },
    { value: 'false', label: t('persons:repeat.firstOnly') },
  ];
  const overdueChoices = [
    { value: 'true', label: t('list.overdueOnly') },
    { value: 'false', label: t('list.withinDeadline') },
  ];
  const select = (name: FilterParam, label: string, data: { value: string; label: string }[]) => (
    <NativeSelect name={name} label={label} value={params.get(name) ?? ''} onChange={(e) => onFilter({ [name]: e.currentTarget.value })} data={[any, ...data]} />
  );
  return (
    <>
      <SearchForm key={`${search}|${params.get('regionCode') ?? ''}`} params={params} search={search} onFilter={onFilter} regionChoice={regionChoice} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="xs">
        {select('stage', t('list.stage'), STAGES.map((stage) => ({ value: stage, label: t(`common:stage.${stage}`) })))}
        {select('ppksCategory', t('list.ppksCategory'), PPKS_CODES.map((code) => ({ value: code, label: `${code} · ${t(`common:ppks.${code}`)}` })))}
        {select('responsibleAgency', t('list.agency'), agencyCodes.map((code) => ({ value: code, label: t(`common:agency.${code}`, { defaultValue: code }) })))}
        {select('overdue', t('list.overdue'), overdueChoices)}
        {select('repeat', t('persons:repeat.filter'), repeatChoices)}
      </SimpleGrid>
      <Group>
        <Button variant="subtle" size="xs" onClick={onReset}>
          {t('list.reset')}
        </Button>
      </Group>
    </>
  );
}
