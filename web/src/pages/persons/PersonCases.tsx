import { Anchor, Badge, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateTime } from '../../components/DateTime';
import { formatRegion } from '../../lib/region';
import type { PersonCase } from './api';

/** A person's cases, each a link: when it opened, where it stands, how it ended. */
export function PersonCases({ cases, empty }: { cases: PersonCase[]; empty: string }) {
  const { t } = useTranslation('persons');
  if (cases.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <List size="sm" spacing={4} data-testid="person-cases">
      {cases.map((c) => (
        <List.Item key={c.id}>
          <Anchor component={Link} to={`/kasus/${c.id}`} size="sm">
            <DateTime value={c.openedAt} regionCode={c.regionCode} />
          </Anchor>
          {` · ${formatRegion(c.regionCode)} · `}
          <Badge variant="light" tt="none" size="sm">
            {t(`common:stage.${c.stage}`)}
          </Badge>
          {c.closure !== null && ` · ${t(`cases:closureReason.${c.closure.reason}`, { defaultValue: c.closure.reason })}`}
        </List.Item>
      ))}
    </List>
  );
}
