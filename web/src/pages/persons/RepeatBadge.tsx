import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';
import type { Repeat } from './api';

/** "Kasus berulang": the person has earlier cases — how many, how the last one ended, where the latest stands. */
export function RepeatBadge({ repeat, regionCode, detail = false }: { repeat: Repeat; regionCode: string; detail?: boolean }) {
  const { t } = useTranslation('persons');
  const badge = (
    <Badge color="orange" variant="light" tt="none" miw="max-content" data-testid="repeat-badge">
      {t('repeat.badge', { count: repeat.count })}
    </Badge>
  );
  if (!detail) return badge;
  return (
    <Group gap="xs" wrap="wrap" data-testid="repeat-detail">
      {badge}
      <Text size="sm">
        {repeat.lastClosure === null ? t('repeat.noClosure') : t('repeat.lastClosure', { reason: t(`cases:closureReason.${repeat.lastClosure.reason}`, { defaultValue: repeat.lastClosure.reason }) })}
        {repeat.lastClosure !== null && (
          <>
            {' · '}
            <DateTime value={repeat.lastClosure.at} regionCode={regionCode} />
          </>
        )}
      </Text>
      <Text size="sm">{t('repeat.lastStage', { stage: t(`common:stage.${repeat.lastStage}`) })}</Text>
    </Group>
  );
}
