import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OUTCOME_COLOR } from './labels';

/** ACCEPTED / REJECTED / RECORDED of the ledger, DONE / REFUSED of the security log. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation('audit');
  return (
    <Badge color={OUTCOME_COLOR[outcome] ?? 'gray'} variant="light" miw="max-content">
      {t(`outcome.${outcome}`, { defaultValue: outcome })}
    </Badge>
  );
}

/** Who acted: name, then role (and agency) in small print; Sinergi's own acts (timers, dispatch, retention) as "Sinergi (sistem)". */
export function ActorText({ name, role, agencyCode }: { name: string; role: string; agencyCode?: string | null }) {
  const { t } = useTranslation('audit');
  const roleLabel = role === 'SYSTEM' ? t('actor.systemRole') : t(`common:role.${role}`, { defaultValue: role });
  const agency = agencyCode !== null && agencyCode !== undefined ? ` · ${t(`common:agency.${agencyCode}`, { defaultValue: agencyCode })}` : '';
  return (
    <>
      <Text size="sm">{name}</Text>
      <Text size="xs" c="dimmed">
        {roleLabel}
        {agency}
      </Text>
    </>
  );
}
