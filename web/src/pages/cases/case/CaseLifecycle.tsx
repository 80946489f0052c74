import { Badge, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Countdown } from '../../../components/Countdown';
import { DateTime } from '../../../components/DateTime';
import type { Case, Stage } from './api';

/** The stages in lifecycle order (docs/case-lifecycle.md); a case takes some of them, the timeline says which. */
const ORDER: Stage[] = ['INTAKE', 'HEALTH_CHECK', 'MEDICAL_TREATMENT', 'ASSESSMENT', 'SHELTER', 'REHABILITATION', 'REINTEGRATION', 'MONITORING', 'CLOSED'];

type Step = 'passed' | 'skipped' | 'current' | 'upcoming';

/**
 * Where each stage stands for this case. `visited` holds the stages the case has been in (the API's
 * `stagesEntered`); until they are loaded (`complete` false) an earlier stage counts as passed.
 */
function stepOf(stage: Stage, current: Stage, visited: ReadonlySet<string>, complete: boolean): Step {
  const [at, here] = [ORDER.indexOf(stage), ORDER.indexOf(current)];
  if (at === here) return 'current';
  if (at > here) return 'upcoming';
  return visited.has(stage) || !complete ? 'passed' : 'skipped';
}

/** The case's path through its stages, the current one with when it began and its deadline. */
export function CaseLifecycle({ kase, visited, complete }: { kase: Case; visited: ReadonlySet<string>; complete: boolean }) {
  const { t } = useTranslation('cases');
  const current = ORDER.indexOf(kase.stage);
  return (
    <Paper withBorder p="md" data-testid="case-lifecycle">
      <Title order={3} size="h4" mb="sm">
        {t('lifecycle.title')}
      </Title>
      <Timeline active={current} bulletSize={18} lineWidth={2}>
        {ORDER.map((stage) => {
          const step = stepOf(stage, kase.stage, visited, complete);
          return (
            <Timeline.Item
              key={stage}
              color={step === 'skipped' ? 'gray' : undefined}
              lineVariant={step === 'skipped' || step === 'upcoming' ? 'dashed' : 'solid'}
              title={
                <Text size="sm" fw={step === 'current' ? 700 : 400} c={step === 'current' || step === 'passed' ? undefined : 'dimmed'}>
                  {t(`common:stage.${stage}`)}
                </Text>
              }
              data-step={step}
              data-stage={stage}
              aria-current={step === 'current' ? 'step' : undefined}
            >
              {step === 'current' ? (
                <Stack gap={4} mt={2}>
                  <Badge size="sm" variant="light" w="fit-content">
                    {t('lifecycle.current')}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('lifecycle.since')}{' '}
                    <DateTime value={kase.stageEnteredAt} regionCode={kase.regionCode} />
                  </Text>
                  {kase.stage !== 'CLOSED' && (
                    <>
                      <Text size="xs" fw={600} mt={4}>
                        {t('lifecycle.deadline')}
                      </Text>
                      <Countdown deadline={kase.deadlineAt} overdue={kase.overdue} regionCode={kase.regionCode} />
                    </>
                  )}
                </Stack>
              ) : (
                step === 'skipped' && (
                  <Text size="xs" c="dimmed">
                    {t('lifecycle.skipped')}
                  </Text>
                )
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Paper>
  );
}

/** Escalations of the case's deadlines and tasks: level, who was told, when. */
export function CaseEscalations({ kase }: { kase: Case }) {
  const { t } = useTranslation('cases');
  return (
    <Paper withBorder p="md" data-testid="case-escalations">
      <Title order={3} size="h4" mb="xs">
        {t('escalations.title')}
      </Title>
      {kase.escalations.length === 0 ? (
        <Text size="sm">{t('escalations.empty')}</Text>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('escalations.title')}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('escalations.stage')}</Table.Th>
                <Table.Th>{t('escalations.notify')}</Table.Th>
                <Table.Th>{t('escalations.at')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kase.escalations.map((e) => (
                <Table.Tr key={`${e.stage}-${e.level}-${e.at}`}>
                  <Table.Td>
                    {t(`common:stage.${e.stage}`, { defaultValue: e.stage })} · {t('escalations.level', { level: e.level })}
                  </Table.Td>
                  <Table.Td>{t(`notify.${e.notify}`, { defaultValue: e.notify })}</Table.Td>
                  <Table.Td>
                    <DateTime value={e.at} regionCode={kase.regionCode} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
