import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { can, useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KeysetPager } from '../../components/Pager';
import { CaseFilters } from './CaseFilters';
import { caseListQuery, onPage, PAGE_SIZE, pageNumber, SEARCH_KEY, withFilters } from './caseListQuery';
import { CaseResults } from './CaseResults';

/** The case worker's list: the cases of their region, searched and filtered through the address bar. */
export function CaseListPage() {
  const { t } = useTranslation('intake');
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const search = useQuery({ queryKey: SEARCH_KEY, queryFn: () => '', initialData: '', staleTime: Infinity, gcTime: Infinity }).data.trim();
  const query = caseListQuery(params);
  /** Filters to the address bar (a new history entry), the search text to the query cache. */
  const show = (next: URLSearchParams, q: string) => {
    queryClient.setQueryData(SEARCH_KEY, q);
    setParams(next);
  };
  const cases = useQuery({
    queryKey: ['cases', query, search],
    queryFn: () => (search === '' ? call(api.GET('/cases', { params: { query } })) : call(api.POST('/cases/search', { body: { ...query, limit: query.limit ?? PAGE_SIZE, offset: 0, q: search } }))),
    placeholderData: keepPreviousData,
  });
  const regionChoice = me !== undefined && me.regionCode.replace(/\D/g, '').length < 4;
  const page = cases.data;
  const mayOpen = can(me, 'case.create');

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('list.title')}</Title>
        {mayOpen && (
          <Button component={Link} to="/kasus/baru">
            {t('list.newCase')}
          </Button>
        )}
      </Group>
      <Paper withBorder p="sm" component="section" aria-label={t('list.filters')}>
        <Stack gap="xs">
          <CaseFilters
            params={params}
            search={search}
            regionChoice={regionChoice}
            onFilter={(changes) => show(withFilters(params, changes), changes.q === undefined ? search : (changes.q ?? ''))}
            onReset={() => show(new URLSearchParams(), '')}
          />
        </Stack>
      </Paper>
      <ErrorAlert error={cases.error} />
      {cases.isPending && <Text>{t('common:state.loading')}</Text>}
      {page !== undefined && (
        <Stack gap="xs" aria-busy={cases.isFetching}>
          <Text size="sm" c="dimmed" role="status" data-testid="case-count">
            {t('list.count', { count: page.total })}
          </Text>
          {page.items.length === 0 ? <Text>{t('list.empty')}</Text> : <CaseResults cases={page.items} />}
          {page.total > page.limit && (
            <KeysetPager
              total={page.total}
              limit={page.limit}
              page={pageNumber(params)}
              onPrevious={page.previousBefore === null ? undefined : () => show(onPage(params, { before: page.previousBefore as string }, pageNumber(params) - 1), search)}
              onNext={page.nextAfter === null ? undefined : () => show(onPage(params, { after: page.nextAfter as string }, pageNumber(params) + 1), search)}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
