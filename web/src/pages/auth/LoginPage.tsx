import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lastEndReason, login } from '../../auth/session';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { homeOf } from '../../layout/nav';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ended = lastEndReason();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
      const me = await call(api.GET('/auth/me'));
      queryClient.setQueryData(['me'], me);
      const next = params.get('next');
      await navigate(next?.startsWith('/') === true && !next.startsWith('//') ? next : homeOf(me.role), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const explained =
    error instanceof ApiError && error.code === 'LOGIN_LOCKED'
      ? t('login.locked', { minutes: Math.max(1, Math.ceil((error.details.retryAfterSeconds ?? 900) / 60)) })
      : error instanceof ApiError && error.code === 'INVALID_CREDENTIALS'
        ? t('login.invalid')
        : null;

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Title order={1} size="h2">
              {t('login.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
            {ended !== null && error === null && <Alert color={ended === 'expired' ? 'yellow' : 'blue'}>{t(`login.${ended}`)}</Alert>}
            {explained !== null ? (
              <Alert color="red" role="alert" data-error-code={(error as ApiError).code}>
                {explained}
              </Alert>
            ) : (
              <ErrorAlert error={error} />
            )}
            <TextInput label={t('login.username')} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput label={t('login.password')} name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy} disabled={username === '' || password === ''}>
              {t('login.submit')}
            </Button>
            <Text size="sm">
              {t('login.setupHint')}{' '}
              <Anchor component={Link} to="/atur-sandi">
                {t('login.setupLink')}
              </Anchor>
            </Text>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
