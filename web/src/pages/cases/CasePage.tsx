import { Alert, Anchor, Grid, Loader, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CasePersonPanel } from '../persons/CasePersonPanel';
import { isCaseCommand, useAllowedActions, useCase, useCaseTasks, useCaseWatch, useTimeline } from './case/api';
import { CaseActions } from './case/CaseActions';
import { CaseHeader } from './case/CaseHeader';
import { CaseHistory } from './case/CaseHistory';
import { CaseEscalations, CaseLifecycle } from './case/CaseLifecycle';
import { CaseTasks } from './case/CaseTasks';

/**
 * One case for its team (/kasus/:id): who and where, its stages and deadline, escalations, agency tasks,
 * the next steps the API allows the signed-in person, and its history. Times are in the case region's zone.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  // A command the API accepted (202) but has not yet made readable: the case is polled past this version.
  const [waitingPast, setWaitingPast] = useState<number | null>(null);
  const [historyOffset, setHistoryOffset] = useState(0);
  const pending = (useLocation().state as { pending?: boolean } | null)?.pending === true; // opened with 202: not readable yet
  const kase = useCase(id, waitingPast, pending);
  const version = kase.data?.version;
  useCaseWatch(id, version);
  const actions = useAllowedActions(id, version);
  const tasks = useCaseTasks(id, version);
  const history = useTimeline(id, version, historyOffset);

  if (kase.data === undefined) {
    return kase.isError ? <ErrorAlert error={kase.error} /> : <Loader aria-label={t('common:state.loading')} />;
  }
  const c = kase.data;
  const waiting = waitingPast !== null && c.version <= waitingPast;
  const visited = new Set<string>(actions.data?.stagesEntered ?? []);
  const complete = actions.data !== undefined;
  return (
    <Stack gap="md" maw={1200}>
      <Anchor component={Link} to="/kasus" size="sm" w="fit-content">
        {t('page.back')}
      </Anchor>
      <CaseHeader kase={c} />
      <CasePersonPanel caseId={c.id} regionCode={c.regionCode} personId={c.personId} repeat={c.repeat} repeatRulesApply={actions.data?.requiresEarlierPlanReference === true} />
      {waiting && (
        <Alert color="blue" data-testid="command-accepted">
          {t('errors:accepted')}
        </Alert>
      )}
      <ErrorAlert error={actions.error ?? tasks.error} />
      <CaseActions kase={c} allowed={actions.data?.allowedActions.filter(isCaseCommand)} onAccepted={setWaitingPast} />
      <Tabs defaultValue="summary" keepMounted={false}>
        <Tabs.List aria-label={t('page.tabs.label')}>
          <Tabs.Tab value="summary">{t('page.tabs.summary')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('page.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="summary" pt="md">
          <Grid gutter="md">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <CaseLifecycle kase={c} visited={visited} complete={complete} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="md">
                <CaseTasks tasks={tasks.data?.items} regionCode={c.regionCode} />
                <CaseEscalations kase={c} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <CaseHistory page={history.data} error={history.error} regionCode={c.regionCode} offset={historyOffset} onOffset={setHistoryOffset} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
