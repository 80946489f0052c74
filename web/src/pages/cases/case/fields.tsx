import { Radio, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction, CommandBody } from './api';

/** A form's values: what has been typed so far of the command's body (the API says what is missing). */
export function useBody<A extends CaseAction>(initial: Partial<CommandBody<A>> = {}) {
  const [value, setValue] = useState<Partial<CommandBody<A>>>(initial);
  const set = <K extends keyof CommandBody<A>>(field: K, v: CommandBody<A>[K] | undefined) => setValue((prev) => ({ ...prev, [field]: v }));
  return { value, set, reset: () => setValue(initial) };
}

/** One choice of an enum as radio buttons (they wrap on a phone and read well to screen readers). */
export function Choice<T extends string>({
  label,
  options,
  labelOf,
  value,
  onChange,
  error,
  name,
}: {
  label: string;
  options: readonly T[];
  labelOf: (option: T) => string;
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string;
  name: string;
}) {
  return (
    <Radio.Group label={label} value={value ?? null} onChange={(v) => onChange(v as T)} error={error} name={name} withAsterisk>
      <Stack gap={6} mt={4}>
        {options.map((option) => (
          <Radio key={option} value={option} label={labelOf(option)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** Free text of a body (notes, reasons, findings); `required` only marks it, the API decides. */
export function FreeText({ label, value, onChange, error, required = false }: { label: string; value: string | undefined; onChange: (value: string) => void; error?: string; required?: boolean }) {
  const { t } = useTranslation('cases');
  return (
    <Textarea
      label={required ? label : `${label} ${t('actions.optional')}`}
      withAsterisk={required}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      autosize
      minRows={2}
      maxRows={8}
    />
  );
}
