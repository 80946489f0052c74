import { Anchor, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../../api/client';
import { Countdown } from '../../components/Countdown';
import { DateTime } from '../../components/DateTime';
import { formatRegion } from '../../lib/region';
import { RepeatBadge } from '../persons/RepeatBadge';

type Case = Schemas['CaseResponse'];

function Agency({ code }: { code: string | null }) {
  const { t } = useTranslation('intake');
  return <>{code === null ? t('list.noAgency') : t(`common:agency.${code}`, { defaultValue: code })}</>;
}

/** Desktop: a table; the person's name is the link, and a click anywhere on the row opens the case. */
function CaseTable({ cases }: { cases: Case[] }) {
  const { t } = useTranslation('intake');
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="case-table">
        <Table.Caption>{t('list.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('list.column.person')}</Table.Th>
            <Table.Th>{t('list.column.stage')}</Table.Th>
            <Table.Th>{t('list.column.region')}</Table.Th>
            <Table.Th>{t('list.column.agency')}</Table.Th>
            <Table.Th>{t('list.column.deadline')}</Table.Th>
            <Table.Th>{t('list.column.opened')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((c) => (
            <Table.Tr
              key={c.id}
              data-testid="case-row"
              style={{ cursor: 'pointer' }}
              onClick={(e) => {
                if (!(e.target instanceof Element && e.target.closest('a'))) void navigate(`/kasus/${c.id}`);
              }}
            >
              <Table.Td>
                <Anchor component={Link} to={`/kasus/${c.id}`} fw={600}>
                  {c.person.name}
                </Anchor>
                {c.repeat !== null && c.repeat !== undefined && (
                  <>
                    {' '}
                    <RepeatBadge repeat={c.repeat} regionCode={c.regionCode} />
                  </>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none" miw="max-content">
                  {t(`common:stage.${c.stage}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatRegion(c.regionCode)}</Table.Td>
              <Table.Td>
                <Agency code={c.responsibleAgency} />
              </Table.Td>
              <Table.Td>
                <Countdown deadline={c.deadlineAt} overdue={c.overdue} regionCode={c.regionCode} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <DateTime value={c.openedAt} regionCode={c.regionCode} />
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Phone: one card per case, the whole card a link. */
function CaseCards({ cases }: { cases: Case[] }) {
  const { t } = useTranslation('intake');
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="case-cards">
      {cases.map((c) => (
        <li key={c.id}>
          <Card withBorder padding="sm" component={Link} to={`/kasus/${c.id}`} data-testid="case-card">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fw={600} c="teal.9" td="underline" truncate>
                {c.person.name}
              </Text>
              <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                {t(`common:stage.${c.stage}`)}
              </Badge>
            </Group>
            {c.repeat !== null && c.repeat !== undefined && <RepeatBadge repeat={c.repeat} regionCode={c.regionCode} />}
            <Text size="sm" mt={4}>
              {formatRegion(c.regionCode)} · <Agency code={c.responsibleAgency} />
            </Text>
            <Countdown deadline={c.deadlineAt} overdue={c.overdue} regionCode={c.regionCode} />
            <Text size="xs" c="dimmed">
              {t('list.column.opened')} <DateTime value={c.openedAt} regionCode={c.regionCode} />
            </Text>
          </Card>
        </li>
      ))}
    </Stack>
  );
}

/** The cases of one page: a table on wide screens, cards on a phone. */
export function CaseResults({ cases }: { cases: Case[] }) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return phone ? <CaseCards cases={cases} /> : <CaseTable cases={cases} />;
}
