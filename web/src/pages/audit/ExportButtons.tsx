import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A download: CSV, JSON as stored (sealed personal values, verifiable), or JSON with the personal values opened (access-logged). */
export type ExportFormat = 'csv' | 'json' | 'jsonPersonal';
const FORMATS: readonly ExportFormat[] = ['csv', 'json', 'jsonPersonal'];

/** The export route's query for a download, and the file's name (as the API names it) from its base. */
export function exportQuery(format: ExportFormat): { query: { format: 'csv' | 'json'; personal?: boolean }; fileName: (base: string) => string } {
  return format === 'jsonPersonal'
    ? { query: { format: 'json', personal: true }, fileName: (base) => `${base}-personal.json` }
    : { query: { format }, fileName: (base) => `${base}.${format}` };
}

/** CSV and JSON downloads of a selection; `download` fetches with the session's token and saves the file. */
export function ExportButtons({ download, hint }: { download: (format: ExportFormat) => Promise<string>; hint: string }) {
  const { t } = useTranslation('audit');
  const run = useMutation({ mutationFn: download });
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('export.title')}
        </Text>
        {FORMATS.map((format) => (
          <Button key={format} size="xs" variant="light" loading={run.isPending && run.variables === format} disabled={run.isPending} onClick={() => run.mutate(format)} data-testid={`export-${format}`}>
            {t(`export.${format}`)}
          </Button>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {run.isSuccess ? t('export.saved', { name: run.data }) : hint}
      </Text>
      <Text size="xs" c="dimmed">
        {t('export.personalHint')}
      </Text>
      <ErrorAlert error={run.error} />
    </Stack>
  );
}
