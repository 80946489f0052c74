import { Anchor, Badge, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';
import { AgencyKeys } from './AgencyKeys';

type Agency = Schemas['AgencyResponse'];
type Update = Schemas['UpdateAgencyDto'];

/** One agency: its name and webhook (admins, PATCH /agencies/:id) and its API keys (admins issue and revoke, supervisors confirm). */
export function AgencyPage() {
  const { t } = useTranslation('admin');
  const id = useParams().id ?? '';
  const manages = can(useMe().data, 'agency.manage');
  const agency = useQuery({ queryKey: ['agencies', id], queryFn: () => call(api.GET('/agencies/{id}', { params: { path: { id } } })) });
  const a = agency.data;
  return (
    <Stack>
      <Anchor component={Link} to="/admin/lembaga" size="sm">
        {t('agency.back')}
      </Anchor>
      <ErrorAlert error={agency.error} />
      {a !== undefined && (
        <>
          <Title order={2}>{a.name}</Title>
          <Group gap="xs">
            <Badge variant="light" color="gray" tt="none">
              {a.code}
            </Badge>
            <Badge variant="light" color="gray">
              {formatRegion(a.regionCode)}
            </Badge>
            <Badge variant="light" color={a.active ? 'teal' : 'gray'}>
              {a.active ? t('agencies.active') : t('agencies.inactive')}
            </Badge>
            <Badge variant="light" color={a.webhookConfigured ? 'teal' : 'gray'} data-testid="webhook-state">
              {a.webhookConfigured ? t('agencies.webhookOn') : t('agencies.webhookOff')}
            </Badge>
          </Group>
          {manages && (
            <Group align="flex-start" gap="md" grow wrap="wrap">
              <RenameForm agency={a} />
              <WebhookForm agency={a} />
            </Group>
          )}
          <AgencyKeys agency={a} />
        </>
      )}
    </Stack>
  );
}

function useUpdateAgency(agency: Agency, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Update) => call(api.PATCH('/agencies/{id}', { params: { path: { id: agency.id } }, body })),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['agencies', agency.id], updated);
      onDone();
      await queryClient.invalidateQueries({ queryKey: ['agencies'], exact: true });
    },
  });
}

function RenameForm({ agency }: { agency: Agency }) {
  const { t } = useTranslation('admin');
  const [name, setName] = useState(agency.name);
  const rename = useUpdateAgency(agency, () => undefined);
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate({ name });
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('agency.rename.title')}
          </Title>
          <ErrorAlert error={rename.error} />
          {rename.isSuccess && <Text size="sm" c="teal.9">{t('agency.saved')}</Text>}
          <TextInput label={t('agencies.field.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
          <Button type="submit" loading={rename.isPending} w="fit-content">
            {t('common:actions.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** The task webhook: an http(s) URL (https to a public address in production) and its signing secret together (the API never shows either back), or removed. */
function WebhookForm({ agency }: { agency: Agency }) {
  const { t } = useTranslation('admin');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const save = useUpdateAgency(agency, () => {
    setUrl('');
    setSecret('');
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ webhookUrl: url, webhookSecret: secret });
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('agency.webhook.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {agency.webhookConfigured ? t('agency.webhook.configured') : t('agency.webhook.none')}
          </Text>
          <ErrorAlert error={save.error} />
          {save.isSuccess && <Text size="sm" c="teal.9">{t('agency.saved')}</Text>}
          <TextInput type="url" label={t('agency.webhook.url')} placeholder={t('agency.webhook.urlExample')} description={t('agency.webhook.urlHint')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} required />
          <PasswordInput label={t('agency.webhook.secret')} description={t('agency.webhook.secretHint')} value={secret} onChange={(e) => setSecret(e.currentTarget.value)} required minLength={16} maxLength={200} autoComplete="new-password" />
          <Group gap="xs">
            <Button type="submit" loading={save.isPending && save.variables.webhookUrl !== null}>
              {t('agency.webhook.save')}
            </Button>
            {agency.webhookConfigured && (
              <Button variant="default" color="red" loading={save.isPending && save.variables.webhookUrl === null} onClick={() => save.mutate({ webhookUrl: null })}>
                {t('agency.webhook.remove')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
