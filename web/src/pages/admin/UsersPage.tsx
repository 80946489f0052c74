import { Alert, Badge, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { formatRegion, formatVillage } from '../../lib/region';
import { CreateUserForm, USER_ROLES } from './CreateUserForm';
import type { CreatedAccount } from './CreateUserForm';
import { OnceSecret } from './OnceSecret';
import type { Secret } from './OnceSecret';
import { UserActions } from './UserActions';
import { useRegions, useScopeLabel } from './RegionPicker';
import { PageHeader } from '../../components/PageHeader';

const STATUSES = ['PENDING_CONFIRMATION', 'PENDING_SETUP', 'ACTIVE', 'DEACTIVATED'] as const;
type Role = (typeof USER_ROLES)[number];
type Status = (typeof STATUSES)[number];
export const STATUS_COLOR: Record<Status, string> = { PENDING_CONFIRMATION: 'orange', PENDING_SETUP: 'blue', ACTIVE: 'teal', DEACTIVATED: 'gray' };
const PAGE = 50;

/**
 * Accounts of the region. Admins create, (de)activate and reset; supervisors confirm pending accounts
 * and alone receive their one-time setup code. Which buttons show follows the permissions the API reports.
 */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const manages = can(me, 'user.manage');
  const confirms = can(me, 'user.confirm');
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<Status | null>(confirms && !manages ? 'PENDING_CONFIRMATION' : null);
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const queryClient = useQueryClient();
  const [region, setRegion] = useState<string | null>(null);
  const regions = useRegions();
  const query = { ...(role !== null ? { role } : {}), ...(status !== null ? { status } : {}), ...(region !== null ? { regionCode: region } : {}), limit: PAGE, offset };
  const users = useQuery({ queryKey: ['users', query], queryFn: () => call(api.GET('/users', { params: { query } })), enabled: me !== undefined });
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => call(api.GET('/agencies')) });
  const scopeLabel = useScopeLabel();
  const agencyName = (id: string | null) => (id === null ? '—' : (agencies.data?.find((a) => a.id === id)?.name ?? '—'));
  const isPuskesos = (u: Schemas['UserResponse']) => u.role === 'AGENCY_OFFICER' && agencies.data?.find((a) => a.id === u.agencyId)?.code === 'PUSKESOS';

  /** The answer of create, reset or confirm: a code shown once, or where the account now waits. */
  const answered = (account: CreatedAccount, what: 'created' | 'reset' | 'confirmed') => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    if (account.setupCode !== null) {
      setNotice(null);
      setSecret({
        title: t(`once.codeTitle.${what}`, { name: account.displayName }),
        value: account.setupCode,
        explanation: <CodeExplanation account={account} />,
      });
    } else {
      setNotice(t(`users.answer.${what === 'reset' ? 'reset' : 'created'}`, { username: account.username, region: formatRegion(account.regionCode) }));
    }
  };

  return (
    <Stack>
      <PageHeader title={manages ? t('users.title') : t('users.confirmTitle')} intro={manages ? t('users.intro') : t('users.confirmIntro')} />
      {manages && <CreateUserForm onCreated={(account) => answered(account, 'created')} />}
      {notice !== null && (
        <Alert color="teal" withCloseButton closeButtonLabel={t('common:actions.close')} onClose={() => setNotice(null)} data-testid="users-notice">
          {notice}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Group gap="sm" mb="sm" wrap="wrap">
          <Select label={t('users.field.role')} data={USER_ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))} value={role} onChange={(v) => { setRole(v as Role | null); setOffset(0); }} clearable w={260} />
          <Select label={t('users.field.status')} data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} value={status} onChange={(v) => { setStatus(v as Status | null); setOffset(0); }} clearable w={240} />
          {(regions.data?.items.length ?? 0) > 1 && (
            <Select
              label={t('onboarding:filter.region')}
              placeholder={t('onboarding:filter.all')}
              data={(regions.data?.items ?? []).map((r) => ({ value: r.regionCode, label: formatRegion(r.regionCode) }))}
              value={region}
              onChange={(v) => { setRegion(v); setOffset(0); }}
              clearable
              w={260}
            />
          )}
        </Group>
        <ErrorAlert error={users.error} />
        {users.data !== undefined && (users.data.items.length === 0 ? <Text>{t('users.none')}</Text> : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" data-testid="users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.field.displayName')}</Table.Th>
                  <Table.Th>{t('users.field.role')}</Table.Th>
                  <Table.Th>{t('users.field.region')}</Table.Th>
                  <Table.Th>{t('users.field.status')}</Table.Th>
                  <Table.Th>{t('users.field.createdAt')}</Table.Th>
                  <Table.Th>{t('users.field.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((u) => (
                  <Table.Tr key={u.id} data-username={u.username}>
                    <Table.Td>
                      <Text size="sm" fw={500}>{u.displayName}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">{u.username}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`common:role.${u.role}`)}</Text>
                      {u.agencyId !== null && <Text size="xs" c="dimmed">{agencyName(u.agencyId)}</Text>}
                      {u.villageCode !== null && <Text size="xs" c="dimmed" data-testid="user-village">{t('users.field.village')}: {formatVillage(u.villageCode)}</Text>}
                    </Table.Td>
                    <Table.Td>{scopeLabel(u.regionCode)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[u.status]} variant="light" miw="max-content" data-testid="user-status">
                        {t(`status.${u.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <DateTime value={u.createdAt} regionCode={u.regionCode} />
                    </Table.Td>
                    <Table.Td>
                      <UserActions user={u} manages={manages} confirms={confirms} puskesos={isPuskesos(u)} onAnswer={answered} onChanged={(key) => setNotice(t(key, { username: u.username }))} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
        {users.data !== undefined && users.data.total > 0 && <Pager total={users.data.total} limit={PAGE} offset={offset} onOffset={setOffset} />}
      </Paper>
      <OnceSecret secret={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}

function CodeExplanation({ account }: { account: Schemas['AccountSetupResponse'] }) {
  const { t } = useTranslation('admin');
  return (
    <>
      {t('once.codeExplanation', { name: account.displayName, username: account.username })} <DateTime value={account.setupCodeExpiresAt} regionCode={account.regionCode} />.
    </>
  );
}
