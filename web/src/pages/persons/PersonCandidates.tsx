import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion } from '../../lib/region';
import type { Candidate } from './api';
import { useDecidePerson } from './api';
import { PersonCases } from './PersonCases';

/**
 * The registered people a case's person may be, best first, each with why and their earlier cases, and
 * the decision: "Tautkan ke orang ini" (link) or "Orang baru" (register a new person). The API decides
 * who matches and who may decide; this only shows its answer.
 */
export function PersonCandidates({ caseId, candidates, onDecided }: { caseId: string; candidates: Candidate[]; onDecided?: () => void }) {
  const { t } = useTranslation('persons');
  const decide = useDecidePerson(caseId);
  const send = (body: { personId: string } | { newPerson: true }) => decide.mutate(body, { onSuccess: () => onDecided?.() });
  return (
    <Stack gap="sm" data-testid="person-candidates">
      <Title order={3} size="h4">
        {t('candidates.title')}
      </Title>
      <Text size="sm">{candidates.length === 0 ? t('candidates.none') : t('candidates.intro')}</Text>
      <ErrorAlert error={decide.error} />
      {candidates.map((c) => (
        <Card key={c.personId} withBorder padding="sm" data-testid="person-candidate">
          <Stack gap={6}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{c.name}</Text>
              <Text size="sm" fw={600} c="teal.9">
                {t('candidates.score', { percent: Math.round(c.score * 100) })}
              </Text>
            </Group>
            <Text size="sm">
              {[t(`common:sex.${c.sex}`), t(c.birthYearApproximate ? 'candidates.bornApprox' : 'candidates.born', { year: c.birthYear }), formatRegion(c.regionCode)].join(' · ')}
            </Text>
            {c.aliases.length > 0 && (
              <Text size="sm" data-testid="candidate-aliases">
                {t('candidates.aliases', { names: c.aliases.join(', ') })}
              </Text>
            )}
            <Text size="sm" c="dimmed" data-testid="candidate-why">
              {t(`candidates.why.${c.why}`)}
            </Text>
            <Text size="sm" fw={600}>
              {t('candidates.earlierCases')}
            </Text>
            <PersonCases cases={c.cases} empty={t('candidates.noEarlierCases')} />
            <Group>
              <Button size="sm" onClick={() => send({ personId: c.personId })} loading={decide.isPending && decide.variables?.personId === c.personId} disabled={decide.isPending}>
                {t('candidates.link')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
      <Group>
        <Button variant="default" onClick={() => send({ newPerson: true })} loading={decide.isPending && decide.variables?.newPerson === true} disabled={decide.isPending} data-testid="new-person">
          {t('candidates.newPerson')}
        </Button>
      </Group>
    </Stack>
  );
}
