import { Anchor, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePersonCandidates, useUnlinkPerson } from './api';
import type { Repeat } from './api';
import { PersonCandidates } from './PersonCandidates';
import { RepeatBadge } from './RepeatBadge';

interface Props {
  caseId: string;
  regionCode: string;
  personId: string | null | undefined;
  repeat: Repeat | null | undefined;
  /** The API says the case's protocol applied its repeat rules (the assessment must refer to the earlier plan). */
  repeatRulesApply?: boolean;
}

/**
 * The case's person on its page: while undecided, the candidates and the decision (for those whose
 * role may decide); once decided, the repeat badge, a link to the person and a supervisor's undo.
 */
export function CasePersonPanel({ caseId, regionCode, personId, repeat, repeatRulesApply = false }: Props) {
  const { t } = useTranslation('persons');
  const me = useMe().data;
  const undecided = personId === null;
  const candidates = usePersonCandidates(caseId, undecided && can(me, 'case.command'));
  const unlink = useUnlinkPerson(caseId);
  const [confirming, setConfirming] = useState(false);
  const mayManage = can(me, 'person.manage');
  if (personId === undefined) return null;
  if (undecided) {
    if (candidates.data === undefined) return candidates.error ? <ErrorAlert error={candidates.error} /> : null;
    return (
      <Paper withBorder p="md" data-testid="case-person">
        <Text size="sm" mb="xs">
          {t('candidates.undecided')}
        </Text>
        <PersonCandidates caseId={caseId} candidates={candidates.data.items} />
      </Paper>
    );
  }
  return (
    <Paper withBorder p="sm" data-testid="case-person">
      <Stack gap="xs">
        {repeat !== null && repeat !== undefined && <RepeatBadge repeat={repeat} regionCode={regionCode} detail />}
        {repeatRulesApply && (
          <Text size="sm" fw={500} data-testid="repeat-rules">
            {t('repeat.rulesApply')}
          </Text>
        )}
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to={`/orang/${personId}`} size="sm" data-testid="person-link">
            {t('person.open')}
          </Anchor>
          {mayManage && (
            <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)}>
              {t('person.unlink')}
            </Button>
          )}
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('person.unlink')} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <Stack gap="sm">
          <Text size="sm">{t('person.unlinkConfirm')}</Text>
          <ErrorAlert error={unlink.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('person.cancel')}
            </Button>
            <Button color="red" loading={unlink.isPending} onClick={() => unlink.mutate(undefined, { onSuccess: () => setConfirming(false) })}>
              {t('person.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
