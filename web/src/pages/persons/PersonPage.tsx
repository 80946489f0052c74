import { Alert, Anchor, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useMe } from '../../auth/useMe';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact } from '../../components/Fact';
import { formatRegion } from '../../lib/region';
import { usePerson } from './api';
import { PersonCases } from './PersonCases';
import { PersonEdit } from './PersonEdit';
import { PersonMerge } from './PersonMerge';
import { PersonRights, PersonRightsStatus } from './PersonRights';

/**
 * One person (/orang/:id): who they are and all their cases in the caller's region; the case team
 * completes the record (aliases, guardian, origin) and a supervisor merges here; data-subject rights
 * (report, restriction, legal hold, erasure) for those who hold them.
 */
export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('persons');
  const me = useMe().data;
  const person = usePerson(id);
  const mayManage = can(me, 'person.manage');
  const mayEdit = can(me, 'person.edit');
  const mayReport = can(me, 'person.report');
  const mayRestrict = can(me, 'person.restrict');
  const mayErase = can(me, 'person.erase');
  if (person.data === undefined) return person.isError ? <ErrorAlert error={person.error} /> : <Loader aria-label={t('common:state.loading')} />;
  const p = person.data;
  const guardian = p.guardian === null ? '—' : [p.guardian.name, t(`guardian.relationships.${p.guardian.relationship}`), p.guardian.phone].filter((v) => v !== null).join(' · ');
  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to="/kasus" size="sm" w="fit-content">
        {t('page.back')}
      </Anchor>
      <Paper withBorder p="md" data-testid="person-header">
        <Stack gap="sm">
          <Title order={2}>{p.erased ? t('rights.erased') : p.name}</Title>
          <PersonRightsStatus person={p} />
          {p.mergedInto !== null && (
            <Alert color="gray" title={t('page.merged')}>
              <Anchor component={Link} to={`/orang/${p.mergedInto}`} size="sm">
                {t('page.mergedLink')}
              </Anchor>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
            <Fact label={t('page.sex')}>{t(`common:sex.${p.sex}`)}</Fact>
            <Fact label={t('page.birth')}>{p.birthDate ?? t(p.birthYearApproximate ? 'candidates.bornApprox' : 'candidates.born', { year: p.birthYear })}</Fact>
            <Fact label={t('page.nik')}>{p.nik ?? t('page.noNik')}</Fact>
            <Fact label={t('page.region')}>{formatRegion(p.regionCode)}</Fact>
            <Fact label={t('page.origin')}>{p.originRegionCode === null ? t('page.originUnknown') : formatRegion(p.originRegionCode)}</Fact>
            <Fact label={t('page.aliases')}>
              <span data-testid="person-aliases">{p.aliases.length === 0 ? '—' : p.aliases.join(', ')}</span>
            </Fact>
            <Fact label={t('page.guardian')}>
              <span data-testid="person-guardian">{guardian}</span>
            </Fact>
            <Fact label={t('page.registered')}>
              <DateTime value={p.createdAt} regionCode={p.regionCode} />
            </Fact>
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4">
          {t('page.cases')}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('page.casesCaption')}
        </Text>
        <PersonCases cases={p.cases} empty={t('page.noCases')} />
      </Paper>
      {mayEdit && p.mergedInto === null && !p.erased && p.restriction === null && <PersonEdit key={p.id} person={p} />}
      {mayManage && p.mergedInto === null && !p.erased && p.restriction === null && <PersonMerge person={p} />}
      {(mayReport || mayRestrict || mayErase) && p.mergedInto === null && <PersonRights person={p} mayReport={mayReport} mayRestrict={mayRestrict} mayErase={mayErase} />}
    </Stack>
  );
}
