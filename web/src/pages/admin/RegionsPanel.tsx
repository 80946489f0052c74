import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';
import { useRegions } from './RegionPicker';

/** What each region of the admin's scope has (GET /regions): shown when the scope holds more than one. */
export function RegionsPanel() {
  const { t } = useTranslation('onboarding');
  const regions = useRegions();
  if (regions.data !== undefined && regions.data.items.length < 2) return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('regions.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('regions.intro')}
        </Text>
        <ErrorAlert error={regions.error} />
        {regions.data !== undefined && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="xs" data-testid="regions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('regions.code')}</Table.Th>
                  <Table.Th>{t('regions.name')}</Table.Th>
                  <Table.Th>{t('regions.agencies')}</Table.Th>
                  <Table.Th>{t('regions.users')}</Table.Th>
                  <Table.Th>{t('regions.protocol')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {regions.data.items.map((r) => (
                  <Table.Tr key={r.regionCode} data-region={r.regionCode}>
                    <Table.Td ff="monospace">{formatRegion(r.regionCode)}</Table.Td>
                    <Table.Td>{r.name ?? (r.level === 'PROVINCE' ? t('regions.province') : t('regions.unnamed'))}</Table.Td>
                    <Table.Td>{r.agencies}</Table.Td>
                    <Table.Td>{r.users}</Table.Td>
                    <Table.Td>{r.protocol === null ? t('regions.unnamed') : `${r.protocol.name} (v${r.protocol.version})`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
