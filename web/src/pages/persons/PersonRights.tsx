import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldMessage } from '../../api/errors';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ErasureBasis, LegalHoldKind, Person } from './api';
import { downloadDataReport, usePersonRight } from './api';

const ERASURE_BASES: ErasureBasis[] = ['SUBJECT_REQUEST', 'RETENTION_EXPIRED', 'PURPOSE_FULFILLED', 'CONSENT_WITHDRAWN'];
const HOLD_KINDS: LegalHoldKind[] = ['CHILD_PROTECTION_PROCEEDINGS', 'LAW_ENFORCEMENT', 'OTHER'];

/** The person's data-subject status for the header: erased (when, on which basis), restricted, held. */
export function PersonRightsStatus({ person }: { person: Person }) {
  const { t } = useTranslation('persons');
  return (
    <>
      {person.erasure !== null && (
        <Alert color="gray" title={t('rights.erased')} data-testid="person-erased">
          <Text size="sm">
            <DateTime value={person.erasure.at} regionCode={person.regionCode} /> · {t(`rights.bases.${person.erasure.legalBasis}`)} · {person.erasure.bySystem ? t('rights.bySystem') : person.erasure.byName}
          </Text>
        </Alert>
      )}
      {(person.restriction !== null || person.legalHold !== null) && (
        <Group gap="xs">
          {person.restriction !== null && (
            <Badge color="orange" variant="light" data-testid="badge-restricted" title={person.restriction.reason}>
              {t('rights.restricted')}
            </Badge>
          )}
          {person.legalHold !== null && (
            <Badge color="red" variant="light" data-testid="badge-legal-hold" title={person.legalHold.reason}>
              {t('rights.held', { kind: t(`rights.holdKinds.${person.legalHold.kind}`) })}
            </Badge>
          )}
        </Group>
      )}
    </>
  );
}

type Dialog = 'erasure' | 'restriction' | 'legalHold' | null;

/**
 * Data-subject rights (UU 27/2022): the data report for supervisors and auditors; restriction of
 * processing, legal hold and erasure for supervisors. The API decides; a refused erasure says why.
 */
export function PersonRights({ person, mayReport, mayRestrict, mayErase }: { person: Person; mayReport: boolean; mayRestrict: boolean; mayErase: boolean }) {
  const { t } = useTranslation('persons');
  const [dialog, setDialog] = useState<Dialog>(null);
  const change = usePersonRight(person.id);
  const report = useMutation({ mutationFn: () => downloadDataReport(person.id) });
  const live = !person.erased;
  const open = (d: Dialog) => {
    change.reset();
    setDialog(d);
  };
  return (
    <Paper withBorder p="md" data-testid="person-rights">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('rights.title')}
        </Title>
        <Text size="sm">{t('rights.intro')}</Text>
        <Group gap="xs">
          {mayReport && (
            <Button variant="default" loading={report.isPending} onClick={() => report.mutate()} data-testid="download-report">
              {t('rights.report')}
            </Button>
          )}
          {mayRestrict && live && (person.restriction === null ? (
            <Button variant="default" onClick={() => open('restriction')}>{t('rights.restrict')}</Button>
          ) : (
            <Button variant="default" loading={change.isPending} onClick={() => change.mutate({ right: 'liftRestriction' })}>{t('rights.liftRestriction')}</Button>
          ))}
          {mayRestrict && live && (person.legalHold === null ? (
            <Button variant="default" onClick={() => open('legalHold')}>{t('rights.hold')}</Button>
          ) : (
            <Button variant="default" loading={change.isPending} onClick={() => change.mutate({ right: 'liftLegalHold' })}>{t('rights.liftHold')}</Button>
          ))}
          {mayErase && live && (
            <Button color="red" variant="light" onClick={() => open('erasure')}>
              {t('rights.erase')}
            </Button>
          )}
        </Group>
        {report.isSuccess && <Text size="xs" c="dimmed">{t('rights.reportSaved', { name: report.data })}</Text>}
        <ErrorAlert error={report.error} />
        {dialog === null && <ErrorAlert error={change.error} />}
      </Stack>
      <RightDialog dialog={dialog} onClose={() => setDialog(null)} change={change} />
    </Paper>
  );
}

/** The form of one right: a reason, and the legal basis (erasure) or the hold's kind. */
function RightDialog({ dialog, onClose, change }: { dialog: Dialog; onClose: () => void; change: ReturnType<typeof usePersonRight> }) {
  const { t } = useTranslation('persons');
  const phone = useMediaQuery('(max-width: 36em)');
  const [reason, setReason] = useState('');
  const [basis, setBasis] = useState<ErasureBasis | null>(null);
  const [kind, setKind] = useState<LegalHoldKind | null>(null);
  const done = () => {
    setReason('');
    setBasis(null);
    setKind(null);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (dialog === 'erasure' && basis !== null) change.mutate({ right: 'erasure', body: { reason, legalBasis: basis } }, { onSuccess: done });
    if (dialog === 'restriction') change.mutate({ right: 'restriction', body: { reason } }, { onSuccess: done });
    if (dialog === 'legalHold' && kind !== null) change.mutate({ right: 'legalHold', body: { reason, kind } }, { onSuccess: done });
  };
  const holds = change.error instanceof ApiError && change.error.code === 'ERASURE_HELD' ? (change.error.details.holds ?? []) : [];
  const ready = reason.trim() !== '' && (dialog !== 'erasure' || basis !== null) && (dialog !== 'legalHold' || kind !== null);
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={dialog === null ? '' : t(`rights.dialog.${dialog}.title`)} fullScreen={phone === true} closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form onSubmit={submit} noValidate data-testid="right-form">
        <Stack>
          {dialog !== null && <Text size="sm">{t(`rights.dialog.${dialog}.intro`)}</Text>}
          <ErrorAlert error={change.error} />
          {holds.length > 0 && (
            <Alert color="orange" data-testid="erasure-holds">
              {holds.map((h) => (
                <Text key={h} size="sm">{t(`rights.holds.${h}`)}</Text>
              ))}
            </Alert>
          )}
          {dialog === 'erasure' && (
            <Select label={t('rights.legalBasis')} data={ERASURE_BASES.map((b) => ({ value: b, label: t(`rights.bases.${b}`) }))} value={basis} onChange={(v) => setBasis(v as ErasureBasis | null)} required comboboxProps={{ withinPortal: true }} />
          )}
          {dialog === 'legalHold' && (
            <Select label={t('rights.holdKind')} data={HOLD_KINDS.map((k) => ({ value: k, label: t(`rights.holdKinds.${k}`) }))} value={kind} onChange={(v) => setKind(v as LegalHoldKind | null)} required comboboxProps={{ withinPortal: true }} />
          )}
          <Textarea label={t('rights.reason')} description={dialog === 'erasure' ? t('rights.reasonHint') : undefined} name="reason" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldMessage(change.error, 'reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" color={dialog === 'erasure' ? 'red' : undefined} loading={change.isPending} disabled={!ready}>
              {dialog === null ? '' : t(`rights.dialog.${dialog}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
