import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { useReferToRegency } from './api';

/** The referral to the regency: the reason, required by the API (a refusal shows as it answers); what was typed stays after an error. */
export function ReferToRegencyForm({ mutation, onClose }: { mutation: ReturnType<typeof useReferToRegency>; onClose: () => void }) {
  const { t } = useTranslation('puskesos');
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate(reason, { onSuccess: onClose });
      }}
      data-testid="refer-form"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('refer.intro')}
        </Text>
        <ErrorAlert error={mutation.error} />
        <Textarea label={t('refer.reason')} description={t('refer.reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={3} maxRows={8} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('refer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
