import { Anchor, Badge, List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../auth/useMe';
import { fieldErrorText } from './PersonRowsEditor';
import type { RaziaRowResult } from './personRows';

/**
 * Each person's result: the case opened (a link for those who may read cases) with its stage, or the
 * row's refusal in words. `names` are the names typed in this browser (the razia itself keeps none).
 */
export function RaziaRowsTable({ rows, names }: { rows: RaziaRowResult[]; names?: string[] }) {
  const { t } = useTranslation('razia');
  const readsCases = can(useMe().data, 'case.read');
  return (
    <Table striped data-testid="razia-results">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('result.position')}</Table.Th>
          {names !== undefined && <Table.Th>{t('result.person')}</Table.Th>}
          <Table.Th>{t('result.outcome')}</Table.Th>
          <Table.Th>{t('result.case')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.position} data-outcome={row.outcome}>
            <Table.Td>{row.position + 1}</Table.Td>
            {names !== undefined && <Table.Td>{names[row.position] ?? ''}</Table.Td>}
            <Table.Td>
              <Badge color={row.outcome === 'OPENED' ? 'teal' : 'red'} variant="light">
                {t(`result.${row.outcome}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {row.caseId !== null ? (
                <Text size="sm">
                  {readsCases ? (
                    <Anchor component={Link} to={`/kasus/${row.caseId}`}>
                      {row.caseId.slice(0, 8)}
                    </Anchor>
                  ) : (
                    <Text span ff="monospace" size="sm">
                      {row.caseId.slice(0, 8)}
                    </Text>
                  )}{' '}
                  · {row.stage !== null ? t(`common:stage.${row.stage}`) : t('result.notReadable')}
                  {(row.personMatches?.length ?? 0) > 0 && (
                    <>
                      {' '}
                      <Badge color="orange" variant="light" data-testid="razia-row-matches">
                        {t('result.matches', { count: row.personMatches?.length ?? 0 })}
                      </Badge>
                    </>
                  )}
                </Text>
              ) : (
                <List size="sm" c="red.8">
                  {row.errors.map((e) => (
                    <List.Item key={`${e.field}-${e.code}`}>{fieldErrorText(t, e)}</List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
