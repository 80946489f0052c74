import { Button, Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { wallClockToIso, zoneOf } from '../../lib/time';

export type Filters<K extends string> = Record<K, string>;

const nonEmpty = (values: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));

/**
 * The applied filters of a search live in the address (a search can be shared and survives back and
 * reload); the form edits a draft until it is submitted. `from`/`to` are kept as typed (the region's
 * wall clock) and become instants only in the request.
 */
export function useFilterParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Filters<K>;
  const offset = Math.max(0, Math.floor(Number(params.get('offset') ?? 0)) || 0);
  return {
    applied,
    offset,
    /** A key that changes when the applied filters do (remounts the form with them). */
    version: params.toString(),
    apply: (values: Filters<K>) => setParams(nonEmpty(values)),
    setOffset: (next: number) => setParams({ ...nonEmpty(applied), ...(next > 0 ? { offset: String(next) } : {}) }),
  };
}

/** The filters as API query parameters: empty ones left out, `from`/`to` as ISO instants of the region's zone. */
export function queryOf<K extends string>(applied: Filters<K>, regionCode: string | null | undefined): Partial<Record<K, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(nonEmpty(applied))) {
    out[key] = key === 'from' || key === 'to' ? wallClockToIso(value, regionCode) : value;
  }
  return out as Partial<Record<K, string>>;
}

/** A filter form: the draft, submit applies it (back to the first page), reset clears it. */
export function FilterForm<K extends string>({ initial, onApply, children }: { initial: Filters<K>; onApply: (values: Filters<K>) => void; children: (draft: Filters<K>, set: (key: K, value: string) => void) => ReactNode }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const set = (key: K, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const cleared = Object.fromEntries(Object.keys(initial).map((k) => [k, ''])) as Filters<K>;
  return (
    <form onSubmit={submit} role="search">
      <Group align="flex-end" gap="sm" wrap="wrap">
        {children(draft, set)}
        <Group gap="xs">
          <Button type="submit">{t('common:actions.search')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(cleared);
              onApply(cleared);
            }}
          >
            {t('common:actions.reset')}
          </Button>
        </Group>
      </Group>
    </form>
  );
}

/** From (inclusive) and to (exclusive), typed in the wall clock of the signed-in person's region. */
export function TimeRangeInputs({ from, to, onFrom, onTo }: { from: string; to: string; onFrom: (v: string) => void; onTo: (v: string) => void }) {
  const { t } = useTranslation('audit');
  const zone = zoneOf(useMe().data?.regionCode).name;
  return (
    <>
      <TextInput type="datetime-local" label={t('filter.from', { zone })} value={from} onChange={(e) => onFrom(e.currentTarget.value)} w={210} />
      <TextInput type="datetime-local" label={t('filter.to', { zone })} value={to} onChange={(e) => onTo(e.currentTarget.value)} w={210} />
    </>
  );
}

/** Who acted: the people of the auditor's scope (GET /users), plus Sinergi's own or the console's actor. */
export function ActorSelect({ value, onChange, extra }: { value: string; onChange: (v: string) => void; extra: ('system' | 'cli')[] }) {
  const { t } = useTranslation('audit');
  const users = useQuery({ queryKey: ['users', 'all'], queryFn: () => call(api.GET('/users', { params: { query: { limit: 100 } } })) });
  const data = [...extra.map((id) => ({ value: id, label: t(`actor.${id}`) })), ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))];
  if (value !== '' && !data.some((d) => d.value === value)) data.push({ value, label: value });
  return <Select label={t('filter.actor')} data={data} value={value === '' ? null : value} onChange={(v) => onChange(v ?? '')} searchable clearable w={240} nothingFoundMessage={t('filter.nobody')} />;
}
