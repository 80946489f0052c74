import { Checkbox, Fieldset, MultiSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandBody } from './api';
import { useAllowedActions } from './api';
import type { DialogProps } from './CommandDialog';
import { CommandDialog, fieldError } from './CommandDialog';
import { Choice, FreeText, useBody } from './fields';
import { DECISIONS, PPKS_CODES, REINTEGRATION_TYPES, RELATIONSHIPS, SHELTER_TYPES } from './options';

type Assessment = CommandBody<'recordAssessment'>;
type Consent = Partial<NonNullable<Assessment['guardianConsent']>>;

/**
 * The assessment: PPKS categories, the plan and what the plan needs. A shelter type is asked for a
 * shelter, a reintegration type for going home; whether they fit the person (a child's shelter, consent,
 * repatriation) the API decides and explains. A repeat under its protocol's repeat rules asks for the
 * reference to the earlier plan when the API says it is required.
 */
export function AssessmentDialog(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'recordAssessment'>();
  const [withConsent, setWithConsent] = useState(false);
  const [consent, setConsent] = useState<Consent>({});
  const earlierPlanRequired = useAllowedActions(p.kase.id, p.kase.version).data?.requiresEarlierPlanReference === true;
  const body = {
    ...f.value,
    shelterType: f.value.decision === 'SHELTER' ? f.value.shelterType : undefined,
    reintegrationType: f.value.decision === 'REINTEGRATION' ? f.value.reintegrationType : undefined,
    guardianConsent: withConsent ? consent : undefined,
  } as Assessment;
  const reset = () => {
    f.reset();
    setWithConsent(false);
    setConsent({});
  };
  return (
    <CommandDialog action="recordAssessment" body={body} onReset={reset} {...p}>
      {(error) => (
        <>
          <MultiSelect
            label={t('field.ppksCategories')}
            placeholder={t('field.ppksPlaceholder')}
            withAsterisk
            searchable
            data={PPKS_CODES.map((code) => ({ value: code, label: `${code} ${t(`common:ppks.${code}`)}` }))}
            value={f.value.ppksCategories ?? []}
            onChange={(v) => f.set('ppksCategories', v)}
            error={fieldError(error, 'ppksCategories')}
            comboboxProps={{ withinPortal: true }}
          />
          <Choice name="decision" label={t('field.decision')} options={DECISIONS} labelOf={(o) => t(`decision.${o}`)} value={f.value.decision} onChange={(v) => f.set('decision', v)} error={fieldError(error, 'decision')} />
          {f.value.decision === 'SHELTER' && (
            <Choice name="shelterType" label={t('field.shelterType')} options={SHELTER_TYPES} labelOf={(o) => t(`shelterType.${o}`)} value={f.value.shelterType} onChange={(v) => f.set('shelterType', v)} error={fieldError(error, 'shelterType')} />
          )}
          {f.value.decision === 'REINTEGRATION' && (
            <Choice name="reintegrationType" label={t('field.reintegrationType')} options={REINTEGRATION_TYPES} labelOf={(o) => t(`reintegrationType.${o}`)} value={f.value.reintegrationType} onChange={(v) => f.set('reintegrationType', v)} error={fieldError(error, 'reintegrationType')} />
          )}
          <Checkbox label={t('field.guardianConsent')} checked={withConsent} onChange={(e) => setWithConsent(e.currentTarget.checked)} />
          {withConsent && (
            <Fieldset legend={t('field.guardianConsent')} variant="filled">
              <TextInput label={t('field.guardianName')} withAsterisk value={consent.name ?? ''} onChange={(e) => setConsent({ ...consent, name: e.currentTarget.value })} error={fieldError(error, 'guardianConsent.name')} />
              <Choice name="relationship" label={t('field.guardianRelationship')} options={RELATIONSHIPS} labelOf={(o) => t(`relationship.${o}`)} value={consent.relationship} onChange={(v) => setConsent({ ...consent, relationship: v })} error={fieldError(error, 'guardianConsent.relationship')} />
            </Fieldset>
          )}
          {earlierPlanRequired && (
            <FreeText required label={t('field.earlierPlanReference')} value={f.value.earlierPlanReference} onChange={(v) => f.set('earlierPlanReference', v)} error={fieldError(error, 'earlierPlanReference')} />
          )}
          <FreeText label={t('field.summary')} value={f.value.summary} onChange={(v) => f.set('summary', v)} error={fieldError(error, 'summary')} />
          <FreeText label={t('field.refusalOverride')} value={f.value.refusalOverride} onChange={(v) => f.set('refusalOverride', v)} error={fieldError(error, 'refusalOverride')} />
        </>
      )}
    </CommandDialog>
  );
}
