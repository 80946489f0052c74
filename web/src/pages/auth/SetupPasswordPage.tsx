import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A new or reset account sets its password with the one-time code its supervisor handed over. */
export function SetupPasswordPage() {
  const { t } = useTranslation();
  const [setupCode, setSetupCode] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({ mutationFn: () => call(api.POST('/auth/setup-password', { body: { setupCode, password } })) });
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            mutation.mutate();
          }}
        >
          <Stack>
            <Title order={1} size="h2">
              {t('setup.title')}
            </Title>
            {mutation.isSuccess ? <Alert color="green">{t('setup.done')}</Alert> : <ErrorAlert error={mutation.error} />}
            <TextInput label={t('setup.code')} required value={setupCode} onChange={(e) => setSetupCode(e.currentTarget.value)} autoComplete="one-time-code" />
            <PasswordInput label={t('setup.password')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" />
            <Button type="submit" loading={mutation.isPending}>
              {t('setup.submit')}
            </Button>
            <Anchor component={Link} to="/masuk">
              {t('setup.back')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
