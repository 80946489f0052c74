import { Button, Fieldset, Group, NumberInput, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIdempotencyKey } from '../../lib/idempotency';
import { formatRegion } from '../../lib/region';
import type { Candidate } from '../persons/api';
import type { GuardianDraft } from '../persons/GuardianFields';
import { CHILD_UNDER, GuardianFields, guardianOf, NO_GUARDIAN } from '../persons/GuardianFields';
import { NikField } from './NikField';
import { useIntakePoint } from '../puskesos/api';
import { IntakePointFields } from '../puskesos/IntakePointFields';

type OpenCaseDto = Schemas['OpenCaseDto'];
type Channel = OpenCaseDto['channel'];
type Sex = OpenCaseDto['person']['sex'];

const CHANNELS: Channel[] = ['RAZIA', 'COMPLAINT'];
const SEXES: Sex[] = ['L', 'P'];

/** The signed-in person's region when it is one kab/kota (a provincial scope has no single default). */
function defaultRegion(regionCode: string | undefined): string {
  return regionCode !== undefined && regionCode.replace(/\D/g, '').length === 4 ? formatRegion(regionCode) : '';
}

/**
 * The open-case form. Typed values stay after an error; every submission carries its own
 * Idempotency-Key, sent again on a retry, so a case is never opened twice. The API validates; the form
 * only points at empty required fields.
 */
export function OpenCaseForm({ onPending, onMatches }: { onPending: (caseId: string) => void; onMatches: (caseId: string, matches: Candidate[]) => void }) {
  const { t } = useTranslation('intake');
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [channel, setChannel] = useState<Channel | ''>('');
  const [name, setName] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [age, setAge] = useState<number | string>('');
  const [nik, setNik] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [guardian, setGuardian] = useState<GuardianDraft>(NO_GUARDIAN);
  const [region, setRegion] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');
  const [tried, setTried] = useState(false);
  // A Puskesos officer's intake point (from the API): its channel and region are the case's, locked.
  const intakePoint = useIntakePoint(can(me, 'case.create')).data?.intakePoint ?? null;
  const channelValue = intakePoint?.channel ?? channel;
  const regionCode = intakePoint !== null ? formatRegion(intakePoint.regionCode) : (region ?? defaultRegion(me?.regionCode));
  const mayRead = can(me, 'case.read');
  // A child's guardian is asked for (and sent) only while the age typed is a child's.
  const child = age !== '' && Number(age) < CHILD_UNDER;

  const open = useMutation({
    mutationFn: (body: OpenCaseDto) => call(api.POST('/cases', { params: { header: { 'Idempotency-Key': idempotency.key(body) } }, body })),
    onSuccess: async (answer) => {
      idempotency.done();
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      if ('status' in answer && answer.status === 'PENDING') onPending(answer.id);
      // Someone registered may be this person: the case team decides before going on (docs/persons.md).
      else if (mayRead && answer.personMatches.length > 0) onMatches(answer.id, answer.personMatches);
      else await navigate(mayRead ? `/kasus/${answer.id}` : '/tugas');
    },
  });

  const missing = { channel: channelValue === '', name: name.trim() === '', sex: sex === '', age: age === '', region: regionCode.trim() === '' };
  const hint = (field: keyof typeof missing) => (tried && missing[field] ? t('open.required') : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (channelValue === '' || sex === '' || Object.values(missing).some(Boolean)) return;
    const person: OpenCaseDto['person'] = { name, sex, approximateAge: Number(age) };
    if (nik.trim() !== '') person.nik = nik.trim();
    if (birthDate !== '') person.birthDate = birthDate;
    const given = child ? guardianOf(guardian) : null;
    if (given !== null) person.guardian = given;
    const body: OpenCaseDto = { channel: channelValue, regionCode: regionCode.trim(), person };
    if (origin.trim() !== '') body.originRegionCode = origin.trim();
    if (intakePoint !== null) body.villageCode = intakePoint.villageCode;
    open.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('open.title')}>
      <Stack>
        <ErrorAlert error={open.error} />
        <Radio.Group label={t('open.channel')} required value={channelValue} onChange={(v) => setChannel(v as Channel)} error={hint('channel')} name="channel">
          <Group mt={4}>
            {CHANNELS.map((c) => (
              <Radio key={c} value={c} label={t(`common:channel.${c}`)} disabled={intakePoint !== null && c !== intakePoint.channel} />
            ))}
          </Group>
        </Radio.Group>
        <Fieldset legend={t('open.person')}>
          <Stack gap="sm">
            <TextInput label={t('open.name')} description={t('open.nameHint')} required name="name" autoComplete="off" value={name} onChange={(e) => setName(e.currentTarget.value)} error={hint('name')} />
            <Radio.Group label={t('open.sex')} required value={sex} onChange={(v) => setSex(v as Sex)} error={hint('sex')} name="sex">
              <Group mt={4}>
                {SEXES.map((s) => (
                  <Radio key={s} value={s} label={t(`common:sex.${s}`)} />
                ))}
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NumberInput label={t('open.age')} required name="approximateAge" allowDecimal={false} allowNegative={false} value={age} onChange={setAge} error={hint('age')} />
              <TextInput type="date" label={t('open.birthDate')} description={t('open.birthDateHint')} name="birthDate" value={birthDate} onChange={(e) => setBirthDate(e.currentTarget.value)} />
            </SimpleGrid>
            <NikField value={nik} onChange={setNik} sex={sex} birthDate={birthDate} approximateAge={age} />
          </Stack>
        </Fieldset>
        {child && <GuardianFields value={guardian} onChange={setGuardian} error={open.error} field="person.guardian" />}
        {intakePoint !== null && <IntakePointFields point={intakePoint} />}
        <Fieldset legend={t('open.caseRegion')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('open.region')} description={t('open.regionHint')} required name="regionCode" autoComplete="off" value={regionCode} onChange={(e) => setRegion(e.currentTarget.value)} error={hint('region')} readOnly={intakePoint !== null} />
            <TextInput label={t('open.origin')} description={t('open.originHint')} name="originRegionCode" autoComplete="off" value={origin} onChange={(e) => setOrigin(e.currentTarget.value)} />
          </SimpleGrid>
        </Fieldset>
        <Group>
          <Button type="submit" loading={open.isPending}>
            {t('open.submit')}
          </Button>
          <Button component={Link} to={can(me, 'case.list') ? '/kasus' : '/tugas'} variant="default">
            {t('open.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
