import { Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';
import type { Person } from './api';
import { useUpdatePerson } from './api';
import { draftOf, GuardianFields, guardianOf } from './GuardianFields';

type Sex = Person['sex'];
const SEXES: Sex[] = ['L', 'P'];

/** The identity fields as the form holds them (text inputs: empty means unknown). */
const identityOf = (p: Person) => ({ name: p.name, nik: p.nik ?? '', birthDate: p.birthDate ?? '', sex: p.sex });

/**
 * The case team completes and corrects a person's record: name, NIK, birth date and sex (rectification,
 * UU 27/2022 Pasal 30: only what changed is sent, the ledger names the fields), other names (one a
 * line; the matcher finds the person by each), a child's guardian (emptied: none) and the region they
 * come from. The API validates.
 */
export function PersonEdit({ person }: { person: Person }) {
  const { t } = useTranslation('persons');
  const [editing, setEditing] = useState(false);
  const [identity, setIdentity] = useState(identityOf(person));
  const [aliases, setAliases] = useState(person.aliases.join('\n'));
  const [guardian, setGuardian] = useState(draftOf(person.guardian));
  const [origin, setOrigin] = useState(person.originRegionCode === null ? '' : formatRegion(person.originRegionCode));
  const update = useUpdatePerson(person.id);

  const start = () => {
    setIdentity(identityOf(person));
    setAliases(person.aliases.join('\n'));
    setGuardian(draftOf(person.guardian));
    setOrigin(person.originRegionCode === null ? '' : formatRegion(person.originRegionCode));
    update.reset();
    setEditing(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const before = identityOf(person);
    const corrected = {
      ...(identity.name.trim() !== before.name ? { name: identity.name.trim() } : {}),
      ...(identity.nik.trim() !== before.nik ? { nik: identity.nik.trim() === '' ? null : identity.nik.trim() } : {}),
      ...(identity.birthDate.trim() !== before.birthDate ? { birthDate: identity.birthDate.trim() === '' ? null : identity.birthDate.trim() } : {}),
      ...(identity.sex !== before.sex ? { sex: identity.sex } : {}),
    };
    const body = { ...corrected, aliases: aliases.split('\n').map((a) => a.trim()).filter((a) => a !== ''), guardian: guardianOf(guardian), originRegionCode: origin.trim() === '' ? null : origin.trim() };
    update.mutate(body, {
      onSuccess: () => {
        setEditing(false);
        notifications.show({ color: 'teal', message: t('edit.saved'), closeButtonProps: { 'aria-label': t('common:actions.close') } });
      },
    });
  };

  return (
    <Paper withBorder p="md" data-testid="person-edit">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('edit.title')}
        </Title>
        <Text size="sm">{t('edit.intro')}</Text>
        {!editing ? (
          <Group>
            <Button variant="default" onClick={start}>
              {t('edit.open')}
            </Button>
          </Group>
        ) : (
          <form onSubmit={submit} noValidate aria-label={t('edit.title')}>
            <Stack gap="sm">
              <ErrorAlert error={update.error} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('edit.name')} name="name" autoComplete="off" value={identity.name} onChange={(e) => setIdentity({ ...identity, name: e.currentTarget.value })} error={fieldMessage(update.error, 'name')} />
                <TextInput label={t('edit.nik')} description={t('edit.nikHint')} name="nik" inputMode="numeric" autoComplete="off" value={identity.nik} onChange={(e) => setIdentity({ ...identity, nik: e.currentTarget.value })} error={fieldMessage(update.error, 'nik')} />
                <TextInput label={t('edit.birthDate')} description={t('edit.birthDateHint')} name="birthDate" type="date" value={identity.birthDate} onChange={(e) => setIdentity({ ...identity, birthDate: e.currentTarget.value })} error={fieldMessage(update.error, 'birthDate')} />
                <Radio.Group label={t('edit.sex')} value={identity.sex} onChange={(v) => setIdentity({ ...identity, sex: v as Sex })} error={fieldMessage(update.error, 'sex')} name="sex">
                  <Group mt="xs">
                    {SEXES.map((s) => (
                      <Radio key={s} value={s} label={t(`common:sex.${s}`)} />
                    ))}
                  </Group>
                </Radio.Group>
              </SimpleGrid>
              <Textarea label={t('edit.aliases')} description={t('edit.aliasesHint')} name="aliases" autosize minRows={2} maxRows={10} value={aliases} onChange={(e) => setAliases(e.currentTarget.value)} error={fieldMessage(update.error, 'aliases')} />
              <GuardianFields value={guardian} onChange={setGuardian} error={update.error} field="guardian" />
              <TextInput label={t('edit.origin')} description={t('edit.originHint')} name="originRegionCode" autoComplete="off" value={origin} onChange={(e) => setOrigin(e.currentTarget.value)} error={fieldMessage(update.error, 'originRegionCode')} />
              <Group>
                <Button type="submit" loading={update.isPending}>
                  {t('edit.submit')}
                </Button>
                <Button variant="default" onClick={() => setEditing(false)}>
                  {t('edit.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
