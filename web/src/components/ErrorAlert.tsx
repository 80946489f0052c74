import { Alert, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/errors';

/** A refusal's parameters in the reader's language: the step, the stage and the roles by their labels. */
function reasonParams(t: TFunction, params: Record<string, string>): Record<string, string> {
  return {
    action: params.action !== undefined ? t(`cases:action.${params.action}.label`) : '',
    stage: params.stage !== undefined ? t(`common:stage.${params.stage}`) : '',
    roles: (params.roles ?? '').split(', ').filter((r) => r !== '').map((role) => t(`common:role.${role}`)).join(', '),
  };
}

/** An API error in the reader's language: the code's message, field errors, allowed next actions, the request id. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation(['errors', 'cases']);
  if (error === null || error === undefined) return null;
  const apiError = error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN_ERROR', error instanceof Error ? error.message : '');
  const allowed = apiError.details.allowedActions;
  const reasonCode = apiError.details.reasonCode;
  return (
    <Alert color="red" title={title ?? t(`errors:${apiError.code}`)} role="alert" data-error-code={apiError.code}>
      {title !== undefined && <Text size="sm">{t(`errors:${apiError.code}`)}</Text>}
      {(apiError.code === 'ILLEGAL_TRANSITION' || apiError.code === 'ROLE_NOT_ALLOWED') && (
        <Text size="sm" mt={4} data-testid="refusal-reason">
          {reasonCode !== undefined ? t(`errors:refusal.${reasonCode}`, reasonParams(t, apiError.details.reasonParams ?? {})) : t('errors:reason', { reason: apiError.title })}
        </Text>
      )}
      {apiError.details.errors !== undefined && apiError.details.errors.length > 0 && (
        <List size="sm" mt={4}>
          {apiError.details.errors.map((e) => (
            <List.Item key={e.field}>{t('errors:field', { field: e.field, messages: e.messages.join('; ') })}</List.Item>
          ))}
        </List>
      )}
      {allowed !== undefined && (
        <Group gap={6} mt={6} data-testid="allowed-actions">
          <Text size="sm" fw={600}>
            {allowed.length > 0 ? t('errors:allowedActions') : t('errors:noAllowedActions')}
          </Text>
          {allowed.map((action) => (
            <Text key={action} size="sm" component="span">
              {t(`cases:action.${action}.label`)}
            </Text>
          ))}
        </Group>
      )}
      {apiError.details.requestId !== undefined && (
        <Text size="xs" c="dimmed" mt={6}>
          {t('errors:requestId', { id: apiError.details.requestId })}
        </Text>
      )}
    </Alert>
  );
}
