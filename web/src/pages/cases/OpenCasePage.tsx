import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Candidate } from '../persons/api';
import { OpenedWithMatches } from '../persons/OpenedWithMatches';
import { OpenCaseForm } from './OpenCaseForm';

/**
 * Opening a case: the form; then, when someone registered may be this person, the candidates; or —
 * when the API accepted it before it was readable (202) — where it will appear.
 */
export function OpenCasePage() {
  const { t } = useTranslation('intake');
  const [pending, setPending] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ caseId: string; matches: Candidate[] } | null>(null);
  const [form, setForm] = useState(0);

  return (
    <Stack maw={760}>
      <Title order={2}>{t('open.title')}</Title>
      {opened !== null ? (
        <OpenedWithMatches caseId={opened.caseId} matches={opened.matches} />
      ) : pending !== null ? (
        <Alert color="teal" title={t('open.pendingTitle')} data-testid="case-pending">
          <Text size="sm">{t('open.pending')}</Text>
          <Anchor component={Link} to={`/kasus/${pending}`} state={{ pending: true }} size="sm">
            {t('open.pendingLink')}
          </Anchor>
          <Button
            mt="sm"
            variant="default"
            display="block"
            onClick={() => {
              setPending(null);
              setForm((n) => n + 1);
            }}
          >
            {t('open.another')}
          </Button>
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('open.intro')}</Text>
          <OpenCaseForm key={form} onPending={setPending} onMatches={(caseId, matches) => setOpened({ caseId, matches })} />
        </>
      )}
    </Stack>
  );
}
