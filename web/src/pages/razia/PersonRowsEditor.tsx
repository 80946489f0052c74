import { Button, CloseButton, Fieldset, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldError, PersonRow } from './personRows';
import { emptyRow } from './personRows';

const SEXES = ['L', 'P'] as const;
/** Fields shown as inputs; an error on any other (the whole row, an unknown field) shows above them. */
const INPUT_FIELDS = ['name', 'sex', 'approximateAge', 'nik', 'birthDate', 'originRegionCode'];

/** The API's refusal of one field of a row, in words ("NIK: NIK harus tepat 16 angka"; a guardian's field as `guardian_name`). */
export function fieldErrorText(t: TFunction, error: FieldError): string {
  return `${t(`razia:field.${error.field.replaceAll('.', '_')}`, { defaultValue: error.field })}: ${t(`razia:code.${error.code}`)}`;
}

/** The people rows: one card each (stacked fields on a phone), added and removed freely. */
export function PersonRowsEditor({ rows, onChange }: { rows: PersonRow[]; onChange: (rows: PersonRow[]) => void }) {
  const { t } = useTranslation('razia');
  const update = (key: string, patch: Partial<PersonRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const errorOf = (row: PersonRow, field: string) => {
    const error = row.errors.find((e) => e.field === field);
    return error === undefined ? undefined : t(`code.${error.code}`);
  };
  return (
    <Fieldset legend={t('new.people')}>
      <Stack gap="sm">
        {rows.map((row, index) => {
          const n = index + 1;
          const rowErrors = row.errors.filter((e) => !INPUT_FIELDS.includes(e.field));
          return (
            <Paper key={row.key} withBorder p="sm" component="section" aria-label={t('new.row', { n })} data-testid="razia-row">
              <Group justify="space-between" mb={4}>
                <Text fw={600} size="sm">
                  {t('new.row', { n })}
                </Text>
                <CloseButton aria-label={t('new.removeRow', { n })} onClick={() => onChange(rows.filter((r) => r.key !== row.key))} disabled={rows.length === 1} />
              </Group>
              {rowErrors.map((e) => (
                <Text key={`${e.field}-${e.code}`} c="red" size="sm">
                  {fieldErrorText(t, e)}
                </Text>
              ))}
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput label={t('new.name')} autoComplete="off" value={row.name} onChange={(e) => update(row.key, { name: e.currentTarget.value })} error={errorOf(row, 'name')} />
                <NativeSelect
                  label={t('new.sex')}
                  data={[{ value: '', label: t('new.choose') }, ...SEXES.map((s) => ({ value: s, label: t(`common:sex.${s}`) }))]}
                  value={row.sex}
                  onChange={(e) => update(row.key, { sex: e.currentTarget.value as PersonRow['sex'] })}
                  error={errorOf(row, 'sex')}
                />
                <NumberInput label={t('new.age')} allowDecimal={false} allowNegative={false} value={row.age} onChange={(v) => update(row.key, { age: v })} error={errorOf(row, 'approximateAge')} />
                <TextInput label={t('new.nik')} inputMode="numeric" autoComplete="off" value={row.nik} onChange={(e) => update(row.key, { nik: e.currentTarget.value })} error={errorOf(row, 'nik')} />
                <TextInput type="date" label={t('new.birthDate')} value={row.birthDate} onChange={(e) => update(row.key, { birthDate: e.currentTarget.value })} error={errorOf(row, 'birthDate')} />
                <TextInput label={t('new.origin')} autoComplete="off" value={row.origin} onChange={(e) => update(row.key, { origin: e.currentTarget.value })} error={errorOf(row, 'originRegionCode')} />
              </SimpleGrid>
            </Paper>
          );
        })}
        <Button variant="default" onClick={() => onChange([...rows, emptyRow()])} w="fit-content">
          {t('new.addRow')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
