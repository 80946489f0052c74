import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRegion } from '../../lib/region';
import { Countdown } from '../../components/Countdown';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CompleteTaskForm, RejectTaskForm } from './CompleteTaskForm';
import type { Task } from './outcome-forms';
import { OUTCOME_FORMS } from './outcome-forms';
import { useTaskAction } from './useTaskAction';
import { Fact } from '../../components/Fact';
import { useReferToRegency } from '../puskesos/api';
import { ReferralFacts } from '../puskesos/ReferralFacts';
import { ReferToRegencyForm } from '../puskesos/ReferToRegencyForm';

const STATUS_COLOR: Record<Task['status'], string> = { OPEN: 'blue', CLAIMED: 'teal', COMPLETED: 'green', REJECTED: 'orange', CANCELLED: 'gray' };

/** A recorded outcome, field by field with the form's labels (values of a choice by their label). */
function OutcomeView({ task }: { task: Task }) {
  const { t } = useTranslation('tasks');
  if (task.outcome === null) return null;
  const outcome = task.outcome;
  return (
    <Fact label={t('card.outcome')}>
      {OUTCOME_FORMS[task.type]
        .filter((f) => outcome[f.name] !== undefined)
        .map((f) => (
          <Text key={f.name} size="sm">
            {t(`field.${f.name}`)}: {f.kind === 'choice' || f.kind === 'confirm' ? t(`option.${f.name}.${String(outcome[f.name])}`) : String(outcome[f.name])}
          </Text>
        ))}
    </Fact>
  );
}

/**
 * One task as an agency officer works it: what the task carries (type, case id, times in the task's
 * region's zone, assignee), its clock, and the actions its status allows — claim, record the outcome,
 * reject with a reason. Forms open in a dialog (full screen on a phone).
 */
/** The person as far as the task needs (the API decides which fields: src/tasks/task-brief.ts). */
function CaseBrief({ task }: { task: Task }) {
  const { t } = useTranslation('tasks');
  const brief = task.case;
  if (brief === null) return null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" data-testid="task-brief">
      {brief.name !== undefined && (
        <Fact label={t('card.person')}>
          <Text size="sm" fw={600}>
            {brief.name}
          </Text>
        </Fact>
      )}
      {brief.sex !== undefined && brief.approximateAge !== undefined && (
        <Fact label={t('card.sexAge')}>{t('card.sexAgeValue', { sex: t(`common:sex.${brief.sex}`), age: brief.approximateAge })}</Fact>
      )}
      {brief.ppksCategories !== undefined && brief.ppksCategories.length > 0 && (
        <Fact label={t('card.ppks')}>{brief.ppksCategories.map((code) => t(`common:ppks.${code}`)).join(', ')}</Fact>
      )}
      {brief.originRegionCode !== undefined && brief.originRegionCode !== null && <Fact label={t('card.origin')}>{formatRegion(brief.originRegionCode)}</Fact>}
    </SimpleGrid>
  );
}

export function TaskCard({ task }: { task: Task }) {
  const { t } = useTranslation('tasks');
  const phone = useMediaQuery('(max-width: 36em)');
  const [form, setForm] = useState<'complete' | 'reject' | 'refer' | null>(null);
  const claim = useTaskAction(task.id, 'claim');
  const complete = useTaskAction(task.id, 'complete');
  const reject = useTaskAction(task.id, 'reject');
  const refer = useReferToRegency(task.id);
  const live = task.status === 'OPEN' || task.status === 'CLAIMED';
  const mayDo = task.allowedActions;
  const deadline = task.status === 'OPEN' ? (task.acceptBy ?? task.dueAt) : task.dueAt;
  const accepted = [claim, complete, reject, refer].some((m) => m.data?.status === 'ACCEPTED');
  const typeLabel = t(`common:taskType.${task.type}`);
  const close = () => setForm(null);

  return (
    <Paper withBorder p="md" radius="md" data-testid="task-card" data-task-id={task.id} data-task-status={task.status} aria-label={typeLabel} component="article">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={4} size="h5">
            {typeLabel}
          </Title>
          <Badge color={STATUS_COLOR[task.status]} variant="light" data-testid="task-status" style={{ flexShrink: 0 }}>
            {t(`common:taskStatus.${task.status}`)}
          </Badge>
        </Group>
        {live && (
          <Fact label={task.status === 'OPEN' && task.acceptBy !== null ? t('card.acceptBy') : t('card.dueAt')}>
            <Countdown deadline={deadline} overdue={task.overdue} regionCode={task.regionCode} />
          </Fact>
        )}
        <CaseBrief task={task} />
        <ReferralFacts referral={task.referral} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
          <Fact label={t('card.case')}>
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="task-case-id">
              {task.caseId}
            </Text>
          </Fact>
          <Fact label={t('card.dispatched')}>
            <DateTime value={task.dispatchedAt} regionCode={task.regionCode} />
          </Fact>
          <Fact label={t('card.assignee')}>{task.assigneeName ?? t('card.unassigned')}</Fact>
          <Fact label={t('common:user.agency')}>{t(`common:agency.${task.agencyCode}`, { defaultValue: task.agencyCode })}</Fact>
        </SimpleGrid>
        <OutcomeView task={task} />
        <ErrorAlert error={claim.error} />
        {claim.isSuccess && claim.data.status === 'CLAIMED' && <Alert color="teal">{t('action.claimed')}</Alert>}
        {accepted && <Alert color="blue">{t('action.accepted')}</Alert>}
        {/* The buttons are the API's allowedActions for this person: the workflow's own rules. */}
        {mayDo.length > 0 && (
          <Group gap="xs" grow={phone === true}>
            {mayDo.includes('claimTask') && (
              <Button onClick={() => claim.mutate({ action: 'claim' })} loading={claim.isPending}>
                {t('action.claim')}
              </Button>
            )}
            {mayDo.includes('completeTask') && (
              <Button variant={mayDo.includes('claimTask') ? 'default' : 'filled'} onClick={() => setForm('complete')}>
                {t('action.complete')}
              </Button>
            )}
            {mayDo.includes('referToRegency') && (
              <Button variant={mayDo.includes('claimTask') ? 'default' : 'filled'} onClick={() => setForm('refer')} data-action="referToRegency">
                {t('puskesos:refer.action')}
              </Button>
            )}
            {mayDo.includes('rejectTask') && (
              <Button variant="light" color="red" onClick={() => setForm('reject')}>
                {t('action.reject')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <Modal opened={form === 'complete'} onClose={close} title={t('complete.title', { type: typeLabel })} fullScreen={phone === true} size="lg" closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <CompleteTaskForm task={task} mutation={complete} onClose={close} />
      </Modal>
      <Modal opened={form === 'refer'} onClose={close} title={t('puskesos:refer.title', { type: typeLabel })} fullScreen={phone === true} size="lg" closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <ReferToRegencyForm mutation={refer} onClose={close} />
      </Modal>
      <Modal opened={form === 'reject'} onClose={close} title={t('reject.title', { type: typeLabel })} fullScreen={phone === true} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <RejectTaskForm mutation={reject} onClose={close} />
      </Modal>
    </Paper>
  );
}
