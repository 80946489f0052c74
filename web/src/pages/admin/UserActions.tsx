import { Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CreatedAccount } from './CreateUserForm';
import { ConfirmButton } from './OnceSecret';
import { VillagePostButton } from './VillagePostDialog';

/**
 * The row's actions by permission: an admin (user.manage) deactivates, reactivates and resets; a
 * supervisor (user.confirm) confirms a pending account, or issues a new code when the last one expired.
 * An ADMIN account is never confirmed by a supervisor (its code goes to the admin). An admin posts a
 * Puskesos officer (`puskesos`) to a village.
 */
export function UserActions({ user, manages, confirms, puskesos, onAnswer, onChanged }: { user: Schemas['UserResponse']; manages: boolean; confirms: boolean; puskesos: boolean; onAnswer: (account: CreatedAccount, what: 'reset' | 'confirmed') => void; onChanged: (messageKey: string) => void }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const path = { params: { path: { id: user.id } } };
  const setActive = useMutation({
    mutationFn: (active: boolean) => call(api.PATCH('/users/{id}', { ...path, body: { active } })),
    onSuccess: async (_u, active) => {
      onChanged(active ? 'users.answer.reactivated' : 'users.answer.deactivated');
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const confirmable = confirms && user.role !== 'ADMIN' && (user.status === 'PENDING_CONFIRMATION' || user.status === 'PENDING_SETUP');
  return (
    <Group gap={6} wrap="wrap">
      {confirmable && (
        <ConfirmButton
          label={user.status === 'PENDING_CONFIRMATION' ? t('users.action.confirm') : t('users.action.newCode')}
          question={t(user.status === 'PENDING_CONFIRMATION' ? 'users.ask.confirm' : 'users.ask.newCode', { name: user.displayName, username: user.username })}
          confirmLabel={t('users.action.confirmYes')}
          action={async () => onAnswer(await call(api.POST('/users/{id}/confirm', path)), 'confirmed')}
        />
      )}
      {manages && user.status !== 'DEACTIVATED' && (
        <ConfirmButton label={t('users.action.deactivate')} question={t('users.ask.deactivate', { username: user.username })} confirmLabel={t('users.action.deactivate')} color="red" action={() => setActive.mutateAsync(false)} />
      )}
      {manages && user.status === 'DEACTIVATED' && (
        <Button size="xs" variant="light" loading={setActive.isPending} onClick={() => setActive.mutate(true)}>
          {t('users.action.reactivate')}
        </Button>
      )}
      {manages && user.status !== 'DEACTIVATED' && (
        <ConfirmButton
          label={t('users.action.reset')}
          question={user.role === 'ADMIN' ? t('users.ask.resetAdmin', { username: user.username }) : t('users.ask.reset', { username: user.username })}
          confirmLabel={t('users.action.reset')}
          color="orange"
          action={async () => onAnswer(await call(api.POST('/users/{id}/reset-password', path)), 'reset')}
        />
      )}
      {manages && puskesos && <VillagePostButton user={user} onChanged={onChanged} />}
      {setActive.variables === true && <ErrorAlert error={setActive.error} />}
    </Group>
  );
}
