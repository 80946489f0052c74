import { Badge, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { durationParts } from '../lib/time';
import { DateTime } from './DateTime';

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** A deadline as "in 3 h 20 min" / "overdue by 2 d", with the moment in the region's zone and the API's overdue flag. */
export function Countdown({ deadline, overdue, regionCode }: { deadline: string | null | undefined; overdue: boolean; regionCode: string | null | undefined }) {
  const { t } = useTranslation();
  const now = useNow();
  if (deadline === null || deadline === undefined) return <Text size="sm">{t('time.noDeadline')}</Text>;
  const left = new Date(deadline).getTime() - now;
  const duration = durationParts(left).map((p) => t(`time.${p.unit}`, { count: p.count })).join(' ');
  return (
    <Group gap={6} wrap="wrap" data-testid="countdown">
      {overdue && (
        <Badge color="red" variant="filled" data-testid="overdue-badge">
          {t('time.overdue')}
        </Badge>
      )}
      <Text size="sm" fw={500} c={left < 0 ? 'red.8' : undefined}>
        {left < 0 ? t('time.overdueBy', { duration }) : t('time.in', { duration })}
      </Text>
      <Text size="sm" c="dimmed">
        <DateTime value={deadline} regionCode={regionCode} />
      </Text>
    </Group>
  );
}
