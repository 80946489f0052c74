import { NumberInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatRegion } from '../../../lib/region';
import type { CaseAction, CommandBody } from './api';
import { AssessmentDialog } from './AssessmentForm';
import type { DialogProps } from './CommandDialog';
import { CommandDialog, fieldError } from './CommandDialog';
import { Choice, FreeText, useBody } from './fields';
import { CLOSURE_REASONS, HEALTH_RESULTS, MONITORING_OUTCOMES, REINTEGRATION_TYPES, SHELTER_EXITS } from './options';

const noop = () => undefined;

function Confirm({ action, ...p }: DialogProps & { action: 'startHealthCheck' | 'completeReintegration' }) {
  return <CommandDialog action={action} body={{}} onReset={noop} {...p} />;
}

function RecordHealthCheck(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'recordHealthCheck'>();
  return (
    <CommandDialog action="recordHealthCheck" body={f.value as CommandBody<'recordHealthCheck'>} onReset={f.reset} {...p}>
      {(error) => (
        <>
          <Choice name="result" label={t('field.result')} options={HEALTH_RESULTS} labelOf={(o) => t(`healthResult.${o}`)} value={f.value.result} onChange={(v) => f.set('result', v)} error={fieldError(error, 'result')} />
          <FreeText label={t('field.findings')} value={f.value.findings} onChange={(v) => f.set('findings', v)} error={fieldError(error, 'findings')} />
        </>
      )}
    </CommandDialog>
  );
}

function RecordRecovery(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'recordRecovery'>();
  return (
    <CommandDialog action="recordRecovery" body={f.value} onReset={f.reset} {...p}>
      {(error) => <FreeText label={t('field.note')} value={f.value.note} onChange={(v) => f.set('note', v)} error={fieldError(error, 'note')} />}
    </CommandDialog>
  );
}

function RecordReferralRefusal(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'recordReferralRefusal'>();
  return (
    <CommandDialog action="recordReferralRefusal" body={f.value as CommandBody<'recordReferralRefusal'>} onReset={f.reset} {...p}>
      {(error) => <FreeText required label={t('field.note')} value={f.value.note} onChange={(v) => f.set('note', v)} error={fieldError(error, 'note')} />}
    </CommandDialog>
  );
}

function ExtendShelterStay(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'extendShelterStay'>();
  return (
    <CommandDialog action="extendShelterStay" body={f.value as CommandBody<'extendShelterStay'>} onReset={f.reset} {...p}>
      {(error) => (
        <>
          <NumberInput label={t('field.days')} withAsterisk min={1} max={30} allowDecimal={false} value={f.value.days ?? ''} onChange={(v) => f.set('days', typeof v === 'number' ? v : undefined)} error={fieldError(error, 'days')} />
          <FreeText required label={t('field.reason')} value={f.value.reason} onChange={(v) => f.set('reason', v)} error={fieldError(error, 'reason')} />
        </>
      )}
    </CommandDialog>
  );
}

function LeaveShelter(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'leaveShelter'>();
  const body = { ...f.value, reintegrationType: f.value.next === 'REINTEGRATION' ? f.value.reintegrationType : undefined } as CommandBody<'leaveShelter'>;
  return (
    <CommandDialog action="leaveShelter" body={body} onReset={f.reset} {...p}>
      {(error) => (
        <>
          <Choice name="next" label={t('field.next')} options={SHELTER_EXITS} labelOf={(o) => t(`common:stage.${o}`)} value={f.value.next} onChange={(v) => f.set('next', v)} error={fieldError(error, 'next')} />
          {f.value.next === 'REINTEGRATION' && (
            <Choice name="reintegrationType" label={t('field.reintegrationType')} options={REINTEGRATION_TYPES} labelOf={(o) => t(`reintegrationType.${o}`)} value={f.value.reintegrationType} onChange={(v) => f.set('reintegrationType', v)} error={fieldError(error, 'reintegrationType')} />
          )}
          <FreeText label={t('field.refusalOverride')} value={f.value.refusalOverride} onChange={(v) => f.set('refusalOverride', v)} error={fieldError(error, 'refusalOverride')} />
        </>
      )}
    </CommandDialog>
  );
}

function CompleteRehabilitation(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'completeRehabilitation'>();
  return (
    <CommandDialog action="completeRehabilitation" body={f.value as CommandBody<'completeRehabilitation'>} onReset={f.reset} {...p}>
      {(error) => (
        <Choice name="reintegrationType" label={t('field.reintegrationType')} options={REINTEGRATION_TYPES} labelOf={(o) => t(`reintegrationType.${o}`)} value={f.value.reintegrationType} onChange={(v) => f.set('reintegrationType', v)} error={fieldError(error, 'reintegrationType')} />
      )}
    </CommandDialog>
  );
}

function AcknowledgeRepatriation(p: DialogProps) {
  const { t } = useTranslation('cases');
  const origin = p.kase.originRegionCode;
  const f = useBody<'acknowledgeRepatriation'>(origin === null ? {} : { receivingRegionCode: formatRegion(origin) });
  return (
    <CommandDialog action="acknowledgeRepatriation" body={f.value as CommandBody<'acknowledgeRepatriation'>} onReset={f.reset} {...p}>
      {(error) => (
        <>
          <TextInput label={t('field.receivingOfficer')} withAsterisk value={f.value.receivingOfficer ?? ''} onChange={(e) => f.set('receivingOfficer', e.currentTarget.value)} error={fieldError(error, 'receivingOfficer')} />
          <TextInput label={t('field.receivingRegionCode')} description={t('field.receivingRegionHint')} withAsterisk inputMode="numeric" value={f.value.receivingRegionCode ?? ''} onChange={(e) => f.set('receivingRegionCode', e.currentTarget.value)} error={fieldError(error, 'receivingRegionCode')} />
        </>
      )}
    </CommandDialog>
  );
}

function RecordMonitoringVisit(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'recordMonitoringVisit'>();
  return (
    <CommandDialog action="recordMonitoringVisit" body={f.value as CommandBody<'recordMonitoringVisit'>} onReset={f.reset} {...p}>
      {(error) => (
        <>
          <Choice name="outcome" label={t('field.outcome')} options={MONITORING_OUTCOMES} labelOf={(o) => t(`monitoringOutcome.${o}`)} value={f.value.outcome} onChange={(v) => f.set('outcome', v)} error={fieldError(error, 'outcome')} />
          <FreeText label={t('field.note')} value={f.value.note} onChange={(v) => f.set('note', v)} error={fieldError(error, 'note')} />
        </>
      )}
    </CommandDialog>
  );
}

function CloseCase(p: DialogProps) {
  const { t } = useTranslation('cases');
  const f = useBody<'closeCase'>();
  return (
    <CommandDialog action="closeCase" body={f.value as CommandBody<'closeCase'>} onReset={f.reset} {...p}>
      {(error) => (
        <>
          <Choice name="reason" label={t('field.closeReason')} options={CLOSURE_REASONS} labelOf={(o) => t(`closureReason.${o}`)} value={f.value.reason} onChange={(v) => f.set('reason', v)} error={fieldError(error, 'reason')} />
          <FreeText required label={t('field.note')} value={f.value.note} onChange={(v) => f.set('note', v)} error={fieldError(error, 'note')} />
        </>
      )}
    </CommandDialog>
  );
}

/** The dialog of one command: its fields are those of the command's body in the API's document. */
export function CommandForm({ action, ...p }: DialogProps & { action: CaseAction }) {
  switch (action) {
    case 'startHealthCheck':
    case 'completeReintegration':
      return <Confirm action={action} {...p} />;
    case 'recordHealthCheck':
      return <RecordHealthCheck {...p} />;
    case 'recordRecovery':
      return <RecordRecovery {...p} />;
    case 'recordAssessment':
      return <AssessmentDialog {...p} />;
    case 'recordReferralRefusal':
      return <RecordReferralRefusal {...p} />;
    case 'extendShelterStay':
      return <ExtendShelterStay {...p} />;
    case 'leaveShelter':
      return <LeaveShelter {...p} />;
    case 'completeRehabilitation':
      return <CompleteRehabilitation {...p} />;
    case 'acknowledgeRepatriation':
      return <AcknowledgeRepatriation {...p} />;
    case 'recordMonitoringVisit':
      return <RecordMonitoringVisit {...p} />;
    case 'closeCase':
      return <CloseCase {...p} />;
  }
}
