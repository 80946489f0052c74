import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';
import { RegionPicker } from './RegionPicker';

export const USER_ROLES = ['CASE_WORKER', 'SUPERVISOR', 'AGENCY_OFFICER', 'AUDITOR', 'ADMIN'] as const;
type Role = (typeof USER_ROLES)[number];
export type CreatedAccount = Schemas['AccountSetupResponse'];

/**
 * A new account without a password (POST /users). The form says before sending who will hold the
 * setup code: the creating admin for an ADMIN account, a supervisor of the region for every other.
 * Typed values stay after an error; the form clears after success.
 */
export function CreateUserForm({ onCreated }: { onCreated: (account: CreatedAccount) => void }) {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const queryClient = useQueryClient();
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => call(api.GET('/agencies')) });
  const empty = { username: '', displayName: '', role: 'CASE_WORKER' as Role, regionCode: me?.regionCode ? formatRegion(me.regionCode) : '', agencyId: '' };
  const [form, setForm] = useState(empty);
  const officer = form.role === 'AGENCY_OFFICER';
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/users', {
          body: { username: form.username, displayName: form.displayName, role: form.role, ...(officer ? { agencyId: form.agencyId || undefined } : { regionCode: form.regionCode }) },
        }),
      ),
    onSuccess: async (account) => {
      setForm(empty);
      onCreated(account);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      await queryClient.invalidateQueries({ queryKey: ['regions'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} data-testid="create-user">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('users.create.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('users.create.intro')}
          </Text>
          <ErrorAlert error={create.error} />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label={t('users.field.username')} description={t('users.create.usernameHint')} value={form.username} onChange={(e) => setForm({ ...form, username: e.currentTarget.value })} required w={220} />
            <TextInput label={t('users.field.displayName')} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })} required w={260} />
            <Select label={t('users.field.role')} data={USER_ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))} value={form.role} onChange={(v) => setForm({ ...form, role: (v ?? 'CASE_WORKER') as Role })} allowDeselect={false} w={260} />
            {officer ? (
              <Select label={t('users.field.agency')} data={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${formatRegion(a.regionCode)})` }))} value={form.agencyId || null} onChange={(v) => setForm({ ...form, agencyId: v ?? '' })} searchable required w={320} />
            ) : (
              <RegionPicker label={t('users.field.region')} value={form.regionCode} onChange={(regionCode) => setForm({ ...form, regionCode })} />
            )}
          </Group>
          <Text size="sm" data-testid="who-confirms">
            {form.role === 'ADMIN' ? t('users.create.adminCode') : t('users.create.supervisorConfirms')}
          </Text>
          <Button type="submit" loading={create.isPending} w="fit-content">
            {t('users.create.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
