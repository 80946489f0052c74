import { Fieldset, Radio, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { fieldMessage } from '../../api/errors';

export type Guardian = Schemas['GuardianDto'];
type Relationship = Guardian['relationship'];

/** The list of the API (and of the assessment's guardian consent): parent, guardian (wali), institution. */
const RELATIONSHIPS: Relationship[] = ['PARENT', 'GUARDIAN', 'INSTITUTION'];

/** A child is under 18 (UU 35/2014): the intake asks for their guardian. The API takes one for anyone. */
export const CHILD_UNDER = 18;

/** What has been typed of a guardian; all empty means none. */
export interface GuardianDraft {
  name: string;
  relationship: Relationship | '';
  phone: string;
}

export const NO_GUARDIAN: GuardianDraft = { name: '', relationship: '', phone: '' };

export function draftOf(g: { name: string; relationship: Relationship; phone?: string | null } | null | undefined): GuardianDraft {
  return g === null || g === undefined ? NO_GUARDIAN : { name: g.name, relationship: g.relationship, phone: g.phone ?? '' };
}

/**
 * The guardian to send: null when nothing was typed. A half-filled one is sent as typed (the relationship
 * missing is the API's to refuse, per field), never silently dropped.
 */
export function guardianOf(d: GuardianDraft): Guardian | null {
  if (d.name.trim() === '' && d.relationship === '' && d.phone.trim() === '') return null;
  return { name: d.name, relationship: d.relationship as Relationship, ...(d.phone.trim() !== '' ? { phone: d.phone.trim() } : {}) };
}

/**
 * A child's guardian: name, relationship, telephone. `field` is where the API names them in its
 * refusal (`person.guardian` at intake, `guardian` on the person's record).
 */
export function GuardianFields({ value, onChange, error, field }: { value: GuardianDraft; onChange: (value: GuardianDraft) => void; error: unknown; field: string }) {
  const { t } = useTranslation('persons');
  const at = (name: string) => fieldMessage(error, `${field}.${name}`) ?? (name === 'name' ? fieldMessage(error, field) : undefined);
  return (
    <Fieldset legend={t('guardian.legend')} data-testid="guardian-fields">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('guardian.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('guardian.name')} name="guardianName" autoComplete="off" value={value.name} onChange={(e) => onChange({ ...value, name: e.currentTarget.value })} error={at('name')} />
          <TextInput label={t('guardian.phone')} description={t('guardian.phoneHint')} name="guardianPhone" type="tel" autoComplete="off" value={value.phone} onChange={(e) => onChange({ ...value, phone: e.currentTarget.value })} error={at('phone')} />
        </SimpleGrid>
        <Radio.Group label={t('guardian.relationship')} name="guardianRelationship" value={value.relationship} onChange={(v) => onChange({ ...value, relationship: v as Relationship })} error={at('relationship')}>
          <Group mt={4}>
            {RELATIONSHIPS.map((r) => (
              <Radio key={r} value={r} label={t(`guardian.relationships.${r}`)} />
            ))}
          </Group>
        </Radio.Group>
      </Stack>
    </Fieldset>
  );
}
