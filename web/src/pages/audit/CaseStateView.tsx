import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { DateTime } from '../../components/DateTime';
import { formatRegion } from '../../lib/region';

/** The case as the ledger's snapshot held it at a moment: one labelled row per fact. */
export function CaseStateView({ state }: { state: Schemas['CaseResponse'] }) {
  const { t } = useTranslation('audit');
  const at = (value: string | null) => <DateTime value={value} regionCode={state.regionCode} />;
  const rows: [string, ReactNode][] = [
    [t('state.stage'), <Badge key="stage" variant="light" size="lg" data-testid="state-stage">{t(`common:stage.${state.stage}`)}</Badge>],
    [t('state.version'), state.version],
    [t('state.person'), `${state.person.name} · ${t(`common:sex.${state.person.sex}`)} · ${t('state.age', { count: state.person.approximateAge })}`],
    [t('state.channel'), t(`common:channel.${state.channel}`)],
    [t('state.region'), `${formatRegion(state.regionCode)}${state.originRegionCode !== null ? ` · ${t('state.origin', { region: formatRegion(state.originRegionCode) })}` : ''}`],
    [t('state.responsible'), state.responsibleAgency !== null ? t(`common:agency.${state.responsibleAgency}`, { defaultValue: state.responsibleAgency }) : '—'],
    [t('state.stageEnteredAt'), at(state.stageEnteredAt)],
    [t('state.deadlineAt'), <span key="deadline">{at(state.deadlineAt)}{state.overdue ? ` · ${t('state.overdue')}` : ''}</span>],
    [t('state.ppks'), state.ppksCategories.length > 0 ? state.ppksCategories.join(', ') : '—'],
    [t('state.lastAction'), state.lastAction !== null ? <span key="last">{t(`action.${state.lastAction.action}`, { defaultValue: state.lastAction.action })} · {state.lastAction.actorName} · {at(state.lastAction.at)}</span> : '—'],
    [t('state.openedBy'), <span key="opened">{state.openedBy?.name ?? '—'} · {at(state.openedAt)}</span>],
    [t('state.protocol'), state.protocol !== null ? t('state.protocolRef', { id: state.protocol.id, version: state.protocol.version }) : '—'],
    [t('state.escalations'), state.escalations.length > 0 ? state.escalations.map((e) => t('state.escalation', { level: e.level, stage: t(`common:stage.${e.stage}`, { defaultValue: e.stage }), notify: e.notify })).join('; ') : '—'],
    [t('state.closure'), state.closure !== null ? `${state.closure.reason} — ${state.closure.note}` : '—'],
    [t('state.warnings'), state.warnings.length > 0 ? state.warnings.map((w) => w.message).join('; ') : '—'],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder data-testid="case-state">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={220}>{label}</Table.Th>
            <Table.Td>
              <Text size="sm" component="div">
                {value}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
