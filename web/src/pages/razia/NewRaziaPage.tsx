import { Alert, Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useIdempotencyKey } from '../../lib/idempotency';
import { formatRegion } from '../../lib/region';
import { wallClockToIso } from '../../lib/time';
import { PersonRowsEditor } from './PersonRowsEditor';
import type { PersonRow } from './personRows';
import { emptyRow, toPerson } from './personRows';
import { RaziaRowsTable } from './RaziaRowsTable';

type RecordRaziaDto = Schemas['RecordRaziaDto'];
type RaziaResponse = Schemas['RaziaResponse'];

/** The most people the API takes in one razia (its documented limit; the API enforces it). */
const MAX_PEOPLE = 100;

interface Sent {
  razia: RaziaResponse;
  rows: PersonRow[];
}

/**
 * Recording a razia (/kasus/razia/baru): the operation, the people found (one card per row), sent once
 * with one Idempotency-Key for the form's content; then each row's result. Refused rows can be fixed
 * and sent again as a new razia of only those rows.
 */
export function NewRaziaPage() {
  const { t } = useTranslation('razia');
  const me = useMe().data;
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [occurredAt, setOccurredAt] = useState('');
  const [place, setPlace] = useState('');
  const [village, setVillage] = useState('');
  const [region, setRegion] = useState<string | null>(null);
  const [team, setTeam] = useState('');
  const [rows, setRows] = useState<PersonRow[]>(() => [emptyRow()]);
  const [fixing, setFixing] = useState(false);
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const own = me?.regionCode.replace(/\D/g, '').length === 4 ? formatRegion(me.regionCode) : '';
  const regionCode = region ?? own;

  const record = useMutation({
    mutationFn: (body: RecordRaziaDto) => call(api.POST('/razia', { params: { header: { 'Idempotency-Key': idempotency.key(body) } }, body })),
    onSuccess: async (razia, _body) => {
      idempotency.done();
      setSent({ razia, rows });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  const missing = { occurredAt: occurredAt === '', place: place.trim() === '', region: regionCode.trim() === '', team: team.trim() === '' };
  const hint = (field: keyof typeof missing) => (tried && missing[field] ? t('new.required') : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.values(missing).some(Boolean)) return;
    const body: RecordRaziaDto = { occurredAt: wallClockToIso(occurredAt, regionCode), place, regionCode: regionCode.trim(), team, people: rows.map(toPerson) };
    if (village.trim() !== '') body.villageCode = village.trim();
    record.mutate(body);
  };

  const fixRefused = (done: Sent) => {
    const refused = done.razia.rows.filter((r) => r.outcome === 'REFUSED');
    setRows(refused.map((r) => ({ ...(done.rows[r.position] ?? emptyRow()), errors: r.errors })));
    setFixing(true);
    setSent(null);
    record.reset();
  };
  const another = () => {
    setRows([emptyRow()]);
    setPlace('');
    setVillage('');
    setOccurredAt('');
    setFixing(false);
    setTried(false);
    setSent(null);
    record.reset();
  };

  if (sent !== null) {
    const { razia } = sent;
    return (
      <Stack maw={960}>
        <PageHeader title={t('result.title')} intro={t('result.summary', { opened: razia.opened, people: razia.people, refused: razia.refused })} />
        <RaziaRowsTable rows={razia.rows} names={sent.rows.map((r) => r.name)} />
        <Group>
          {razia.refused > 0 && <Button onClick={() => fixRefused(sent)}>{t('result.fixRefused')}</Button>}
          <Button variant="default" component={Link} to={`/kasus/razia/${razia.id}`}>
            {t('result.details')}
          </Button>
          <Button variant="default" onClick={another}>
            {t('result.another')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack maw={960}>
      <PageHeader title={t('new.title')} intro={t('new.intro', { max: MAX_PEOPLE })} />
      {fixing && (
        <Alert color="yellow" data-testid="razia-fixing">
          <Text size="sm">{t('result.fixIntro')}</Text>
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label={t('new.title')}>
        <Stack>
          <ErrorAlert error={record.error} />
          <Fieldset legend={t('new.operation')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput type="datetime-local" label={t('new.occurredAt')} required value={occurredAt} onChange={(e) => setOccurredAt(e.currentTarget.value)} error={hint('occurredAt')} />
              <TextInput label={t('new.place')} description={t('new.placeHint')} required autoComplete="off" value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={hint('place')} />
              <TextInput label={t('new.villageCode')} description={t('new.villageCodeHint')} autoComplete="off" value={village} onChange={(e) => setVillage(e.currentTarget.value)} />
              <TextInput label={t('new.region')} description={t('new.regionHint')} required autoComplete="off" value={regionCode} onChange={(e) => setRegion(e.currentTarget.value)} error={hint('region')} />
              <TextInput label={t('new.team')} description={t('new.teamHint')} required autoComplete="off" value={team} onChange={(e) => setTeam(e.currentTarget.value)} error={hint('team')} />
            </SimpleGrid>
          </Fieldset>
          <PersonRowsEditor rows={rows} onChange={setRows} />
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('new.submit')}
            </Button>
            <Button component={Link} to="/" variant="default">
              {t('new.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
