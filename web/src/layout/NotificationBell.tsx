import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Schemas } from '../api/client';
import { call } from '../api/errors';
import { can, useMe } from '../auth/useMe';
import type { Me } from '../auth/useMe';
import { DateTime } from '../components/DateTime';
import { downloadFile } from '../lib/download';

type Notification = Schemas['NotificationResponse'];
const LIMIT = 30;
const POLL_MS = 30_000;

/** When this person last marked the bell read, kept in this browser per user (ISO instant, or null). */
function useLastSeen(userId: string | undefined): [string | null, (at: string) => void] {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const key = userId === undefined ? null : `sinergi.bell.seen.${userId}`;
  const seen = key === null ? null : localStorage.getItem(key);
  const markSeen = (at: string) => {
    if (key === null) return;
    localStorage.setItem(key, at);
    rerender();
  };
  return [seen, markSeen];
}

/** Where a notification leads: the inbox for agency staff, the agency's queue for a supervisor's overdue task, else the case. */
function linkOf(me: Me | undefined, n: Notification): string | null {
  if (n.caseId === null) return null;
  if (can(me, 'task.work')) return `/tugas?kasus=${n.caseId}`;
  if (n.kind === 'TASK_OVERDUE' && n.agencyCode !== null && can(me, 'agency.queue')) return `/pengawasan/antrean?lembaga=${n.agencyCode}`;
  return can(me, 'case.read') ? `/kasus/${n.caseId}` : null;
}

function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** A monthly report's title and its two files, downloaded with the session (a plain link would carry no token). */
function MonthlyReportItem({ n, unseen, me }: { n: Notification; unseen: boolean; me: Me | undefined }) {
  const { t, i18n } = useTranslation();
  const report = n.report;
  if (report === null) return null;
  const month = new Date(`${report.month}-01T00:00:00Z`).toLocaleDateString(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const path = { params: { path: { id: report.id } }, parseAs: 'blob' as const };
  const base = `laporan-bulanan-${report.regionCode}-${report.month}`;
  return (
    <div data-testid="notification" data-kind={n.kind} data-unseen={unseen}>
      <Text size="sm" fw={unseen ? 700 : 500}>
        {t('bell.monthlyReport', { month })}
      </Text>
      <Group gap="xs">
        <Button size="compact-xs" variant="light" onClick={() => void downloadFile(api.GET('/reports/monthly/{id}/pdf', path), `${base}.pdf`)} data-testid="monthly-report-pdf">
          {t('bell.downloadPdf')}
        </Button>
        <Button size="compact-xs" variant="light" onClick={() => void downloadFile(api.GET('/reports/monthly/{id}/xlsx', path), `${base}.xlsx`)} data-testid="monthly-report-xlsx">
          {t('bell.downloadXlsx')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        <DateTime value={n.occurredAt} regionCode={me?.regionCode} />
      </Text>
    </div>
  );
}

function Item({ n, unseen, me, onOpen }: { n: Notification; unseen: boolean; me: Me | undefined; onOpen: () => void }) {
  const { t } = useTranslation();
  const to = linkOf(me, n);
  const what = [n.taskType !== null ? t(`taskType.${n.taskType}`) : n.stage !== null ? t(`stage.${n.stage}`, { defaultValue: n.stage }) : null, n.agencyCode !== null ? t(`agency.${n.agencyCode}`, { defaultValue: n.agencyCode }) : null].filter((p) => p !== null).join(' · ');
  const title = (
    <Text size="sm" fw={unseen ? 700 : 500}>
      {t(`bell.kind.${n.kind}`)}
    </Text>
  );
  return (
    <div data-testid="notification" data-kind={n.kind} data-unseen={unseen}>
      {to === null ? (
        title
      ) : (
        <Anchor component={Link} to={to} onClick={onOpen} underline="hover" c="inherit">
          {title}
        </Anchor>
      )}
      <Text size="xs">{what}</Text>
      <Text size="xs" c="dimmed">
        <DateTime value={n.occurredAt} regionCode={me?.regionCode} />
      </Text>
    </div>
  );
}

/**
 * The notification bell: new tasks, missed deadlines and escalations that concern the signed-in person
 * (GET /notifications decides what concerns whom), looked for every 30 s. The count is what came since
 * the person last marked the list read; that moment is kept in this browser, per user.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [opened, setOpened] = useState(false);
  const [seen, markSeen] = useLastSeen(me?.id);
  const feed = useQuery({
    queryKey: ['notifications'],
    queryFn: () => call(api.GET('/notifications', { params: { query: { limit: LIMIT } } })),
    enabled: me !== undefined,
    refetchInterval: POLL_MS,
  });
  const items = feed.data?.items ?? [];
  const isUnseen = (n: Notification) => seen === null || n.occurredAt > seen;
  const unseen = items.filter(isUnseen).length;
  const countLabel = unseen >= LIMIT ? `${LIMIT}+` : String(unseen);
  const markAll = () => {
    if (items[0] !== undefined) markSeen(items[0].occurredAt);
  };

  return (
    <Indicator label={countLabel} disabled={unseen === 0} size={18} color="red" offset={4} data-testid="notification-count">
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} shadow="md" withinPortal trapFocus returnFocus>
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => setOpened((o) => !o)} aria-label={unseen > 0 ? t('bell.count', { count: unseen }) : t('bell.label')} data-testid="notification-bell">
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs" data-testid="notifications" aria-label={t('bell.label')}>
          <Group justify="space-between" mb="xs" wrap="nowrap">
            <Text fw={600} size="sm">
              {t('bell.label')}
            </Text>
            {unseen > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={() => {
                  markAll();
                  setOpened(false); // the button goes with the unread items; focus returns to the bell
                }}
                data-testid="notifications-mark-read">
                {t('bell.markRead')}
              </Button>
            )}
          </Group>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('bell.empty')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360} type="auto">
              <Stack gap="sm">
                {items.map((n) =>
                  n.report !== null ? (
                    <MonthlyReportItem key={n.id} n={n} unseen={isUnseen(n)} me={me} />
                  ) : (
                  <Item
                    key={n.id}
                    n={n}
                    unseen={isUnseen(n)}
                    me={me}
                    onOpen={() => {
                      markAll();
                      setOpened(false);
                    }}
                  />
                  ),
                )}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
