import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useIdempotencyKey } from '../../../lib/idempotency';
import { caseKeys, isAccepted, sendCommand } from './api';
import type { Case, CaseAction, CommandBody } from './api';

/** What every command's dialog receives from the page. */
export interface DialogProps {
  kase: Case;
  opened: boolean;
  onClose: () => void;
  /** A 202: the command is applied but not readable yet; the page waits for a version past this one. */
  onAccepted: (versionAtSubmit: number) => void;
}

/** Optional fields left empty are not sent (the API decides what is required and says so per field). */
function withoutEmpty<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as T;
}

/** The API's message for one field of the body (`person.nik`, `guardianConsent.name`, …), if it named it. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.details.errors?.filter((e) => e.field === field).flatMap((e) => e.messages) ?? [];
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/**
 * One command's form in a dialog: sends the typed body with its own Idempotency-Key (the same key again
 * when the person retries after an error), keeps what was typed on error and shows the API's answer —
 * a 409 with its reason and the actions allowed now. On 200 the page takes the new case from the answer
 * at once; on 202 it waits for it. A refusal reads the case again, so a stale page catches up.
 */
export function CommandDialog<A extends CaseAction>({
  action,
  body,
  onReset,
  children,
  ...props
}: DialogProps & { action: A; body: CommandBody<A>; onReset: () => void; children?: (error: unknown) => ReactNode }) {
  const { t } = useTranslation('cases');
  const queryClient = useQueryClient();
  const { key, done } = useIdempotencyKey();
  const { kase, opened, onClose, onAccepted } = props;
  const send = useMutation({
    mutationFn: () => {
      const content = withoutEmpty(body);
      return sendCommand(action, kase.id, content, key(content));
    },
    onSuccess: async (answer) => {
      if (isAccepted(answer)) onAccepted(kase.version); // the key stays: the same step sent again is the same request
      else {
        done();
        // A poll still in flight must not put the older case back over the answer.
        await queryClient.cancelQueries({ queryKey: caseKeys.case(kase.id) });
        queryClient.setQueryData(caseKeys.case(kase.id), answer);
      }
      notifications.show({ color: 'teal', closeButtonProps: { 'aria-label': t('common:actions.close') }, message: isAccepted(answer) ? t('actions.accepted') : t('actions.done', { action: t(`action.${action}.label`) }) });
      onReset();
      send.reset();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: caseKeys.case(kase.id) });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t(`action.${action}.label`)} size="lg" closeButtonProps={{ 'aria-label': t('common:actions.close') }} data-testid={`dialog-${action}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t(`action.${action}.intro`)}</Text>
          <ErrorAlert error={send.error} />
          {children?.(send.error)}
          <Group justify="flex-end" gap="xs" wrap="wrap">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={send.isPending} data-testid="command-submit">
              {children === undefined ? t('actions.confirm') : t('actions.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
