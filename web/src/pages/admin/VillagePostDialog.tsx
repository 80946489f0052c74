import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRegion, formatVillage } from '../../lib/region';

/**
 * An admin posts a Puskesos officer to a village (PATCH /users/:id `villageCode`): where they take
 * complaints in and whose intake tasks they work (docs/puskesos.md). The API checks the code lies in
 * the officer's kab/kota; its refusal shows here and the typed value stays.
 */
export function VillagePostButton({ user, onChanged }: { user: Schemas['UserResponse']; onChanged: (messageKey: string) => void }) {
  const { t } = useTranslation('admin');
  const phone = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [village, setVillage] = useState('');
  const save = useMutation({
    mutationFn: (villageCode: string | null) => call(api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: { villageCode } })),
    onSuccess: async (saved) => {
      setOpened(false);
      onChanged(saved.villageCode === null ? 'users.answer.postRemoved' : 'users.answer.posted');
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const open = () => {
    setVillage(user.villageCode === null ? '' : formatVillage(user.villageCode));
    save.reset();
    setOpened(true);
  };
  return (
    <>
      <Button size="xs" variant="light" onClick={open}>
        {t('users.action.post')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('users.post.title', { username: user.username })} fullScreen={phone === true} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(village.trim());
          }}
          data-testid="village-post-form"
        >
          <Stack>
            <Text size="sm">{t('users.post.intro', { region: formatRegion(user.regionCode) })}</Text>
            <ErrorAlert error={save.error} />
            <TextInput label={t('users.field.village')} description={t('users.post.villageHint')} value={village} onChange={(e) => setVillage(e.currentTarget.value)} autoComplete="off" required />
            <Group justify="flex-end">
              {user.villageCode !== null && (
                <Button variant="subtle" color="red" loading={save.isPending && save.variables === null} onClick={() => save.mutate(null)}>
                  {t('users.post.remove')}
                </Button>
              )}
              <Button type="submit" loading={save.isPending && save.variables !== null}>
                {t('users.post.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
