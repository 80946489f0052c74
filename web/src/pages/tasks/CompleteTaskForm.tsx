import { Button, Checkbox, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { OutcomeField, OutcomeValues, Task } from './outcome-forms';
import { OUTCOME_FORMS, outcomeOf } from './outcome-forms';
import type { useTaskAction } from './useTaskAction';

function FieldInput({ field, value, onChange }: { field: OutcomeField; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('tasks');
  const label = t(`field.${field.name}`);
  switch (field.kind) {
    case 'choice':
      return (
        <Select
          label={label}
          placeholder={t('field.choose')}
          data={field.options.map((option) => ({ value: option, label: t(`option.${field.name}.${option}`) }))}
          value={value === '' ? null : value}
          onChange={(v) => onChange(v ?? '')}
          required={field.required}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'confirm':
      return <Checkbox label={label} checked={value === 'true'} onChange={(e) => onChange(e.currentTarget.checked ? 'true' : '')} required />;
    case 'note':
      return <Textarea label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} required={field.required} autosize minRows={3} maxRows={8} />;
    case 'rupiah':
      return <TextInput label={label} description={t('field.amountHint')} inputMode="numeric" value={value} onChange={(e) => onChange(e.currentTarget.value)} required={field.required} />;
    default:
      return <TextInput label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} required={field.required} />;
  }
}

/** The outcome form of the task's own type; what was typed stays after an error, to send again. */
export function CompleteTaskForm({ task, mutation, onClose }: { task: Task; mutation: ReturnType<typeof useTaskAction>; onClose: () => void }) {
  const { t } = useTranslation('tasks');
  const [values, setValues] = useState<OutcomeValues>({});
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate({ action: 'complete', outcome: outcomeOf(task.type, values) }, { onSuccess: onClose });
      }}
      data-testid="complete-form"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('complete.intro')}
        </Text>
        <ErrorAlert error={mutation.error} />
        {OUTCOME_FORMS[task.type].map((field) => (
          <FieldInput key={field.name} field={field} value={values[field.name] ?? ''} onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))} />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('complete.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The reason an agency gives for declining; kept after an error. */
export function RejectTaskForm({ mutation, onClose }: { mutation: ReturnType<typeof useTaskAction>; onClose: () => void }) {
  const { t } = useTranslation('tasks');
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate({ action: 'reject', reason }, { onSuccess: onClose });
      }}
      data-testid="reject-form"
    >
      <Stack>
        <ErrorAlert error={mutation.error} />
        <Textarea label={t('reject.reason')} description={t('reject.reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={3} maxRows={8} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" color="red" loading={mutation.isPending}>
            {t('reject.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
