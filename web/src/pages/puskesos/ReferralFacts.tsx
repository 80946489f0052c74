import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact';
import type { Schemas } from '../../api/client';

/** What a regency's unit reads on a referred complaint: the Puskesos's reason and who referred it (from the API's task). */
export function ReferralFacts({ referral }: { referral: Schemas['TaskResponse']['referral'] }) {
  const { t } = useTranslation('puskesos');
  if (referral === null) return null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" data-testid="task-referral">
      <Fact label={t('referral.reason')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {referral.reason ?? '—'}
        </Text>
      </Fact>
      <Fact label={t('referral.referredBy')}>{referral.referredBy ?? '—'}</Fact>
    </SimpleGrid>
  );
}
