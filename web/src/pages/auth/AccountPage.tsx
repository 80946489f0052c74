import { Alert, Badge, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({ mutationFn: () => call(api.POST('/auth/password', { body: { currentPassword, newPassword } })) });
  return (
    <Stack maw={640}>
      <Title order={2}>{t('account.title')}</Title>
      {me !== undefined && (
        <Paper withBorder p="md">
          <Text fw={600}>{me.name}</Text>
          <Text size="sm">
            {t('user.role')}: {t(`role.${me.role}`)} · {t('user.region')}: {formatRegion(me.regionCode)}
            {me.agencyCode !== null ? ` · ${t('user.agency')}: ${t(`agency.${me.agencyCode}`, { defaultValue: me.agencyCode })}` : ''}
          </Text>
          <Text size="sm" mt="xs" fw={500}>
            {t('account.permissions')}
          </Text>
          <Group gap={4} mt={4}>
            {me.permissions.map((p) => (
              <Badge key={p} variant="light" color="gray" tt="none">
                {p}
              </Badge>
            ))}
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate();
          }}
        >
          <Stack>
            <Title order={3} size="h4">
              {t('account.changePassword')}
            </Title>
            {change.isSuccess ? <Alert color="green">{t('account.changed')}</Alert> : <ErrorAlert error={change.error} />}
            <PasswordInput label={t('account.current')} autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} required />
            <PasswordInput label={t('account.new')} autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} required />
            <Button type="submit" loading={change.isPending} w="fit-content">
              {t('actions.save')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
