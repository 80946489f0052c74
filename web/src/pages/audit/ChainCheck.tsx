import { Alert, Code, CopyButton, Button, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The result of GET /cases/:id/history/verify, said plainly: intact with its count, or the first broken link. */
export function ChainCheck({ caseId }: { caseId: string }) {
  const { t } = useTranslation('audit');
  const verify = useQuery({ queryKey: ['audit', 'verify', caseId], queryFn: () => call(api.GET('/cases/{id}/history/verify', { params: { path: { id: caseId } } })) });
  if (verify.error !== null) return <ErrorAlert error={verify.error} />;
  const v = verify.data;
  if (v === undefined) return <Text size="sm">{t('verify.checking')}</Text>;
  // The API documents head as `{ seq, hash }` but types it as an object (type: Object in its DTO).
  const head = v.head as { seq: number; hash: string } | null;
  return (
    <Alert color={v.valid ? 'green' : 'red'} title={v.valid ? t('verify.valid') : t('verify.broken')} data-testid="chain-check" data-valid={v.valid}>
      {v.valid ? (
        <Text size="sm">{t('verify.validDetail', { count: v.events })}</Text>
      ) : (
        v.firstBroken !== null && (
          <Text size="sm">
            {t('verify.brokenAt', { seq: v.firstBroken.seq })} {t(`verify.problem.${v.firstBroken.problem}`, { defaultValue: v.firstBroken.detail })}
          </Text>
        )
      )}
      {head !== null && (
        <Group gap="xs" mt="xs" wrap="nowrap" align="center">
          <Text size="xs">{t('verify.head', { seq: head.seq })}</Text>
          <Code style={{ wordBreak: 'break-all' }}>{head.hash}</Code>
          <CopyButton value={head.hash}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="default" onClick={copy}>
                {copied ? t('common:actions.copied') : t('common:actions.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
      {head !== null && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('verify.keepHead')}
        </Text>
      )}
    </Alert>
  );
}
