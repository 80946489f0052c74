import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../../components/DateTime';
import { formatRegion, formatVillage } from '../../../lib/region';
import type { Case } from './api';
import { Fact } from '../../../components/Fact';

/** Who the case is about and where it stands: person, channel, intake point (a Puskesos complaint), regions, protocol, agency, opening. */
export function CaseHeader({ kase }: { kase: Case }) {
  const { t } = useTranslation('cases');
  const { person } = kase;
  return (
    <Paper withBorder p="md" data-testid="case-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={2} size="h2">
            {person.name}
          </Title>
          <Badge size="lg" variant={kase.stage === 'CLOSED' ? 'outline' : 'filled'} data-testid="case-stage">
            {t(`common:stage.${kase.stage}`)}
          </Badge>
        </Group>
        {kase.closure !== null && (
          <Alert color="gray" title={t('header.closure', { reason: t(`closureReason.${kase.closure.reason}`, { defaultValue: kase.closure.reason }) })}>
            {kase.closure.note}
          </Alert>
        )}
        {kase.warnings.length > 0 && (
          <Alert color="yellow" title={t('header.warnings')} data-testid="case-warnings">
            <List size="sm">
              {kase.warnings.map((w) => (
                <List.Item key={`${w.code}-${w.field}`}>{t(`warning.${w.code}`, { defaultValue: w.message })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          <Fact label={t('header.sex')}>{t(`common:sex.${person.sex}`)}</Fact>
          <Fact label={t('header.age')}>{t('header.ageValue', { count: person.approximateAge })}</Fact>
          <Fact label={t('header.nik')}>{person.nik ?? t('header.noNik')}</Fact>
          {person.birthDate !== undefined && <Fact label={t('header.birthDate')}>{person.birthDate}</Fact>}
          {person.guardian !== undefined && (
            <Fact label={t('header.guardian')}>
              <span data-testid="case-guardian">{[person.guardian.name, t(`relationship.${person.guardian.relationship}`), person.guardian.phone].filter((v) => v !== undefined).join(' · ')}</span>
            </Fact>
          )}
          <Fact label={t('header.channel')}>{t(`common:channel.${kase.channel}`)}</Fact>
          {kase.intakePoint !== null && (
            <Fact label={t('header.intakePoint')}>
              <span data-testid="case-intake-point">{t('header.intakePointValue', { village: formatVillage(kase.intakePoint.villageCode), name: kase.intakePoint.name })}</span>
            </Fact>
          )}
          <Fact label={t('header.region')}>{formatRegion(kase.regionCode)}</Fact>
          <Fact label={t('header.origin')}>{kase.originRegionCode === null ? t('header.originUnknown') : formatRegion(kase.originRegionCode)}</Fact>
          <Fact label={t('header.protocol')}>{kase.protocol === null ? '—' : t('header.protocolValue', { id: kase.protocol.id, version: kase.protocol.version })}</Fact>
          <Fact label={t('header.responsibleAgency')}>{kase.responsibleAgency === null ? '—' : t(`common:agency.${kase.responsibleAgency}`, { defaultValue: kase.responsibleAgency })}</Fact>
          <Fact label={t('header.openedBy')}>{kase.openedBy === null ? '—' : `${kase.openedBy.name} · ${t(`common:role.${kase.openedBy.role}`, { defaultValue: kase.openedBy.role })}`}</Fact>
          <Fact label={t('header.openedAt')}>
            <DateTime value={kase.openedAt} regionCode={kase.regionCode} />
          </Fact>
          {kase.lastAction !== null && (
            <Fact label={t('header.lastAction')}>
              {`${t(`action.${kase.lastAction.action}.label`, { defaultValue: t(`event.${kase.lastAction.action}`, { defaultValue: kase.lastAction.action }) })} · ${kase.lastAction.actorName} · `}
              <DateTime value={kase.lastAction.at} regionCode={kase.regionCode} />
            </Fact>
          )}
          <Fact label={t('header.caseId')}>
            <Text size="xs" ff="monospace" component="span">
              {kase.id}
            </Text>
          </Fact>
          {kase.ppksCategories.length > 0 && (
            <Fact label={t('header.ppks')}>
              <Group gap={4} wrap="wrap">
                {kase.ppksCategories.map((code) => (
                  <Badge key={code} variant="default" tt="none">
                    {`${code} ${t(`common:ppks.${code}`, { defaultValue: '' })}`}
                  </Badge>
                ))}
              </Group>
            </Fact>
          )}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
