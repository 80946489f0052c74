import { Button, Group, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Person } from './api';
import { useMerge, useSearchPersons, useUndoMerge } from './api';

/** A supervisor's merge: find the other record of this person (name or NIK), merge it here; and undo a merge. */
export function PersonMerge({ person }: { person: Person }) {
  const { t } = useTranslation('persons');
  const [q, setQ] = useState('');
  const [other, setOther] = useState<string | null>(null);
  const search = useSearchPersons();
  const merge = useMerge(person.id);
  const undo = useUndoMerge();
  const found = (search.data?.items ?? []).filter((p) => p.id !== person.id);
  const done = (message: string) => notifications.show({ color: 'teal', message, closeButtonProps: { 'aria-label': t('common:actions.close') } });
  return (
    <Paper withBorder p="md" data-testid="person-merge">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('merge.title')}
        </Title>
        <Text size="sm">{t('merge.intro')}</Text>
        <form
          role="search"
          aria-label={t('merge.search')}
          onSubmit={(e) => {
            e.preventDefault();
            setOther(null);
            if (q.trim() !== '') search.mutate(q.trim());
          }}
        >
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput type="search" label={t('merge.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: '1 1 12rem' }} autoComplete="off" />
            <Button type="submit" variant="default" loading={search.isPending}>
              {t('merge.searchSubmit')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={search.error ?? merge.error} />
        {search.data !== undefined && found.length === 0 && <Text size="sm">{t('merge.noResults')}</Text>}
        {found.length > 0 && (
          <Radio.Group value={other} onChange={setOther} label={t('merge.search')} data-testid="merge-results">
            <Stack gap={6} mt={4}>
              {found.map((p) => (
                <Radio key={p.id} value={p.id} label={t('merge.result', { name: p.name, year: p.birthYear, count: p.caseCount })} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Group>
          <Button
            disabled={other === null}
            loading={merge.isPending}
            onClick={() => other !== null && merge.mutate(other, { onSuccess: () => { setOther(null); search.reset(); done(t('merge.done')); } })}
            data-testid="merge-submit"
          >
            {t('merge.submit')}
          </Button>
        </Group>
        {person.merges.length > 0 && (
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {t('merge.history')}
            </Text>
            <ErrorAlert error={undo.error} />
            {person.merges.map((m) => (
              <Group key={m.mergeId} gap="xs" wrap="wrap">
                <Text size="sm">{`${m.mergedByName} · ${t('merge.moved', { count: m.movedCaseIds.length })}`}</Text>
                <Button size="xs" variant="subtle" color="red" loading={undo.isPending && undo.variables === m.mergeId} onClick={() => undo.mutate(m.mergeId, { onSuccess: () => done(t('merge.undone')) })} data-testid="merge-undo">
                  {t('merge.undo')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
