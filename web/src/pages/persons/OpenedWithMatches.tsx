import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Candidate } from './api';
import { PersonCandidates } from './PersonCandidates';

/** An opened case whose person may be on record: the candidates and the decision, or on to the case. */
export function OpenedWithMatches({ caseId, matches }: { caseId: string; matches: Candidate[] }) {
  const { t } = useTranslation('persons');
  const navigate = useNavigate();
  return (
    <Stack gap="sm" data-testid="opened-matches">
      <Alert color="teal" title={t('opened.title')}>
        <Text size="sm">{t('opened.intro')}</Text>
      </Alert>
      <PersonCandidates caseId={caseId} candidates={matches} onDecided={() => void navigate(`/kasus/${caseId}`)} />
      <Anchor component={Link} to={`/kasus/${caseId}`} size="sm">
        {t('candidates.skip')}
      </Anchor>
    </Stack>
  );
}
