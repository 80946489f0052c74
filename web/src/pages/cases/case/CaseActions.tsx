import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, CaseAction } from './api';
import { CommandForm } from './CommandForms';

/**
 * The next steps as buttons: exactly the actions the API allows the signed-in person now. A dialog
 * stays open while it shows an answer, even when a refusal has taken its action off the list.
 */
export function CaseActions({ kase, allowed, onAccepted }: { kase: Case; allowed: CaseAction[] | undefined; onAccepted: (versionAtSubmit: number) => void }) {
  const { t } = useTranslation('cases');
  const [open, setOpen] = useState<CaseAction | null>(null);
  const shown = allowed ?? [];
  const mounted = open !== null && !shown.includes(open) ? [...shown, open] : shown;
  return (
    <Paper withBorder p="md" data-testid="case-actions">
      <Title order={3} size="h4" mb="xs">
        {t('actions.title')}
      </Title>
      {allowed !== undefined && shown.length === 0 && <Text size="sm">{kase.stage === 'CLOSED' ? t('actions.closed') : t('actions.none')}</Text>}
      <Group gap="xs" wrap="wrap">
        {shown.map((action) => (
          <Button key={action} variant={action === 'closeCase' ? 'outline' : 'filled'} color={action === 'closeCase' ? 'red' : undefined} onClick={() => setOpen(action)} data-action={action}>
            {t(`action.${action}.label`)}
          </Button>
        ))}
      </Group>
      {mounted.map((action) => (
        <CommandForm key={action} action={action} kase={kase} opened={open === action} onClose={() => setOpen(null)} onAccepted={onAccepted} />
      ))}
    </Paper>
  );
}
