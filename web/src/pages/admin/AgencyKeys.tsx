import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConfirmButton, OnceSecret } from './OnceSecret';
import type { Secret } from './OnceSecret';

type Credential = Schemas['CredentialResponse'];
const STATUS_COLOR: Record<Credential['status'], string> = { PENDING_CONFIRMATION: 'orange', ACTIVE: 'teal', REVOKED: 'gray' };

/**
 * The agency's API keys (two-person rule): an admin issues one, without a secret; a supervisor of the
 * agency's region confirms it and alone receives the key, shown once; an admin revokes.
 */
export function AgencyKeys({ agency }: { agency: Schemas['AgencyResponse'] }) {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const queryClient = useQueryClient();
  const manages = can(me, 'agency.credential.manage');
  const confirms = can(me, 'agency.credential.confirm');
  const [secret, setSecret] = useState<Secret | null>(null);
  const key = ['agencies', agency.id, 'credentials'];
  const keys = useQuery({ queryKey: key, queryFn: () => call(api.GET('/agencies/{id}/credentials', { params: { path: { id: agency.id } } })) });
  const path = (keyId: string) => ({ params: { path: { id: agency.id, keyId } } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const confirm = async (c: Credential) => {
    const confirmed = await call(api.POST('/agencies/{id}/credentials/{keyId}/confirm', path(c.keyId)));
    setSecret({ title: t('keys.onceTitle', { label: confirmed.label }), value: confirmed.apiKey, explanation: t('keys.onceExplanation', { agency: agency.name }) });
    await refresh();
  };
  const revoke = async (c: Credential) => {
    await call(api.DELETE('/agencies/{id}/credentials/{keyId}', path(c.keyId)));
    await refresh();
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('keys.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('keys.intro')}
        </Text>
        {manages && <IssueKeyForm agencyId={agency.id} onIssued={refresh} />}
        <ErrorAlert error={keys.error} />
        {keys.data !== undefined &&
          (keys.data.length === 0 ? (
            <Text size="sm">{t('keys.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped verticalSpacing="xs" data-testid="keys">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('keys.field.label')}</Table.Th>
                    <Table.Th>{t('keys.field.status')}</Table.Th>
                    <Table.Th>{t('keys.field.createdAt')}</Table.Th>
                    <Table.Th>{t('keys.field.confirmedAt')}</Table.Th>
                    <Table.Th>{t('keys.field.lastUsedAt')}</Table.Th>
                    <Table.Th>{t('keys.field.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {keys.data.map((c) => (
                    <Table.Tr key={c.keyId} data-key-label={c.label}>
                      <Table.Td>
                        <Text size="sm">{c.label}</Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {c.keyId}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[c.status]} variant="light" miw="max-content" data-testid="key-status">
                          {t(`keys.status.${c.status}`)}
                        </Badge>
                        {c.status === 'ACTIVE' && (c.confirmedBy ?? null) === null && (
                          <Text size="xs" c="orange.9">
                            {t('keys.unconfirmedLegacy')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={c.createdAt} regionCode={agency.regionCode} />
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={c.confirmedAt} regionCode={agency.regionCode} />
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={c.status === 'REVOKED' ? c.revokedAt : c.lastUsedAt} regionCode={agency.regionCode} />
                        {c.status === 'REVOKED' && (
                          <Text size="xs" c="dimmed">
                            {t('keys.revokedAt')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          {confirms && c.status === 'PENDING_CONFIRMATION' && (
                            <ConfirmButton label={t('keys.confirm')} question={t('keys.askConfirm', { label: c.label, agency: agency.name })} confirmLabel={t('keys.confirmYes')} action={() => confirm(c)} />
                          )}
                          {manages && c.status !== 'REVOKED' && (
                            <ConfirmButton label={t('keys.revoke')} question={t('keys.askRevoke', { label: c.label })} confirmLabel={t('keys.revoke')} color="red" action={() => revoke(c)} />
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ))}
      </Stack>
      <OnceSecret secret={secret} onClose={() => setSecret(null)} />
    </Paper>
  );
}

/** POST /agencies/:id/credentials: the answer holds no key; it waits for a supervisor. */
function IssueKeyForm({ agencyId, onIssued }: { agencyId: string; onIssued: () => Promise<void> }) {
  const { t } = useTranslation('admin');
  const [label, setLabel] = useState('');
  const issue = useMutation({
    mutationFn: () => call(api.POST('/agencies/{id}/credentials', { params: { path: { id: agencyId } }, body: { label } })),
    onSuccess: async () => {
      setLabel('');
      await onIssued();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        issue.mutate();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-end" gap="xs">
          <TextInput label={t('keys.field.label')} placeholder={t('keys.labelPlaceholder')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} required w={360} />
          <Button type="submit" loading={issue.isPending}>
            {t('keys.issue')}
          </Button>
        </Group>
        <ErrorAlert error={issue.error} />
        {issue.isSuccess && (
          <Alert color="blue" data-testid="key-issued">
            {t('keys.issued', { label: issue.data.label })}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
