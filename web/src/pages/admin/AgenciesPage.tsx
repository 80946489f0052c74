import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from './RegionPicker';
import { RegionsPanel } from './RegionsPanel';

/** The agencies of the region; admins add one (code, region, name). Supervisors come here for the API keys awaiting them. */
export function AgenciesPage() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const manages = can(me, 'agency.manage');
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => call(api.GET('/agencies')) });
  const [region, setRegion] = useState<string | null>(null);
  const regions = [...new Set((agencies.data ?? []).map((a) => a.regionCode))];
  const shown = (agencies.data ?? []).filter((a) => region === null || a.regionCode === region);
  return (
    <Stack>
      <PageHeader title={t('agencies.title')} intro={manages ? t('agencies.intro') : t('agencies.confirmIntro')} />
      {manages && <CreateAgencyForm />}
      {manages && <RegionsPanel />}
      <ErrorAlert error={agencies.error} />
      {regions.length > 1 && (
        <Select
          label={t('onboarding:filter.region')}
          placeholder={t('onboarding:filter.all')}
          data={regions.map((code) => ({ value: code, label: formatRegion(code) }))}
          value={region}
          onChange={setRegion}
          clearable
          w={260}
        />
      )}
      {agencies.data !== undefined && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped verticalSpacing="xs" data-testid="agencies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agencies.field.name')}</Table.Th>
                <Table.Th>{t('agencies.field.code')}</Table.Th>
                <Table.Th>{t('agencies.field.region')}</Table.Th>
                <Table.Th>{t('agencies.field.webhook')}</Table.Th>
                <Table.Th>{t('agencies.field.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/lembaga/${a.id}`}>
                      {a.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {a.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatRegion(a.regionCode)}</Table.Td>
                  <Table.Td>{a.webhookConfigured ? t('agencies.webhookOn') : t('agencies.webhookOff')}</Table.Td>
                  <Table.Td>
                    <Badge color={a.active ? 'teal' : 'gray'} variant="light" miw="max-content">
                      {a.active ? t('agencies.active') : t('agencies.inactive')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** POST /agencies: typed values stay after an error (e.g. AGENCY_EXISTS), the form clears after success. */
function CreateAgencyForm() {
  const { t } = useTranslation('admin');
  const me = useMe().data;
  const queryClient = useQueryClient();
  const empty = { code: '', regionCode: me?.regionCode ? formatRegion(me.regionCode) : '', name: '' };
  const [form, setForm] = useState(empty);
  const create = useMutation({
    mutationFn: () => call(api.POST('/agencies', { body: { code: form.code.trim().toUpperCase(), regionCode: form.regionCode, name: form.name } })),
    onSuccess: async () => {
      setForm(empty);
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      await queryClient.invalidateQueries({ queryKey: ['regions'] });
    },
  });
  return (
    <Paper withBorder p="md">
      <form
        data-testid="create-agency"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('agencies.create.title')}
          </Title>
          <ErrorAlert error={create.error} />
          {create.isSuccess && <Text size="sm" c="teal.9">{t('agencies.create.done', { name: create.data.name })}</Text>}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label={t('agencies.field.code')} description={t('agencies.create.codeHint')} value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value })} required w={200} />
            <RegionPicker label={t('agencies.field.region')} value={form.regionCode} onChange={(regionCode) => setForm({ ...form, regionCode })} />
            <TextInput label={t('agencies.field.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} required w={360} />
          </Group>
          <Button type="submit" loading={create.isPending} w="fit-content">
            {t('agencies.create.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
