import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface Secret {
  title: string;
  /** The setup code or API key: held in memory only until the dialog is closed. */
  value: string;
  /** What to do with it (whom to hand it to, until when it is valid). */
  explanation: ReactNode;
}

/**
 * A one-time setup code or API key, shown the one time the API answers it: copy it, hand it over, close.
 * The API keeps only a hash, so once closed nobody can show it again (a new code or key is needed).
 */
export function OnceSecret({ secret, onClose }: { secret: Secret | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Modal opened={secret !== null} onClose={onClose} title={secret?.title} size="lg" closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common:actions.close') }} data-testid="once-secret">
      {secret !== null && (
        <Stack>
          <Alert color="orange" title={t('once.warningTitle')}>
            {t('once.warning')}
          </Alert>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code fz="md" p="sm" style={{ display: 'block', wordBreak: 'break-all', flex: 1 }} data-testid="once-secret-value">
              {secret.value}
            </Code>
            <CopyButton value={secret.value}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'filled' : 'light'} onClick={copy}>
                  {copied ? t('common:actions.copied') : t('common:actions.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">{secret.explanation}</Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('once.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** A button that asks before a consequential step (deactivate, reset a password, revoke a key); errors show in the dialog. */
export function ConfirmButton({ label, question, confirmLabel, action, color }: { label: string; question: ReactNode; confirmLabel: string; action: () => Promise<unknown>; color?: string }) {
  const { t } = useTranslation('admin');
  const [opened, setOpened] = useState(false);
  const run = useMutation({ mutationFn: action, onSuccess: () => setOpened(false) });
  return (
    <>
      <Button size="xs" variant="light" color={color} onClick={() => setOpened(true)}>
        {label}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={label} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <Stack>
          <Text size="sm">{question}</Text>
          <ErrorAlert error={run.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common:actions.cancel')}
            </Button>
            <Button color={color} loading={run.isPending} onClick={() => run.mutate()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
