import { Box, List, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';

type NikCheckDto = Schemas['NikCheckDto'];

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** What else is known of the person: the API compares it with the NIK. */
  sex: NikCheckDto['sex'] | '';
  birthDate: string;
  approximateAge: number | string;
}

/** The request for what is typed now, as a string (stable for debouncing and as a query key). */
function checkRequest({ value, sex, birthDate, approximateAge }: Omit<Props, 'onChange'>): string {
  const dto: NikCheckDto = { nik: value.trim() };
  if (sex !== '') dto.sex = sex;
  if (birthDate !== '') dto.birthDate = birthDate;
  if (typeof approximateAge === 'number' && Number.isInteger(approximateAge)) dto.approximateAge = approximateAge;
  return JSON.stringify(dto);
}

/**
 * The NIK, checked by the API as it is typed (300 ms after the last change): hard errors (the case
 * would be refused) on the field, soft warnings (stored with the case) below it, each in the reader's
 * language by its code. The browser decides nothing itself.
 */
export function NikField(props: Props) {
  const { t } = useTranslation('intake');
  const request = checkRequest(props);
  const [settled] = useDebouncedValue(request, 300);
  const body = JSON.parse(settled) as NikCheckDto;
  const check = useQuery({
    queryKey: ['nik-check', settled],
    queryFn: () => call(api.POST('/cases/nik-check', { body })),
    // Checked once all 16 digits are typed (not from the first digit: no error while the person is still typing); a shorter NIK is refused on submit.
    enabled: body.nik.trim().length >= 16,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
  const result = props.value.trim() !== '' && settled === request ? check.data : undefined;
  const errors = result?.errors ?? [];
  const warnings = result?.warnings ?? [];
  const translated = (finding: { code: string; message: string }) => t(`nik.${finding.code}`, { defaultValue: finding.message });

  return (
    <Box>
      <TextInput
        label={t('open.nik')}
        description={t('open.nikHint')}
        name="nik"
        inputMode="numeric"
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={errors.length > 0 ? errors.map(translated).join(' ') : undefined}
        data-testid="nik-input"
      />
      <Box role="status" aria-live="polite" mt={4} data-testid="nik-check">
        {props.value.trim() !== '' && settled !== request && (
          <Text size="xs" c="dimmed">
            {t('open.nikChecking')}
          </Text>
        )}
        {result?.valid === true && warnings.length === 0 && (
          <Text size="sm" c="teal.9">
            {t('open.nikOk')}
          </Text>
        )}
        {warnings.length > 0 && (
          <Box p="xs" bg="yellow.0" bd="1px solid yellow.6" style={{ borderRadius: 4 }} data-testid="nik-warnings">
            <Text size="sm" fw={600}>
              {t('open.nikWarnings')}
            </Text>
            <List size="sm">
              {warnings.map((w) => (
                <List.Item key={w.code} data-code={w.code}>
                  {translated(w)}
                </List.Item>
              ))}
            </List>
          </Box>
        )}
        {check.isError && settled === request && (
          <Text size="sm" c="dimmed">
            {t('open.nikCheckFailed')}
          </Text>
        )}
      </Box>
    </Box>
  );
}
