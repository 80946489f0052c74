import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Offset paging over an API list (`total`, `limit`, `offset`). `capped`: the API stopped counting at
 * `total` (`totalCapped`, src/common/capped-count.ts): the pages go that far and the text asks for a
 * narrower filter.
 */
export function Pager({ total, limit, offset, onOffset, capped = false }: { total: number; limit: number; offset: number; onOffset: (offset: number) => void; capped?: boolean }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  return (
    <Group justify="space-between" mt="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        {capped ? t('state.pageOfMore', { page, total }) : t('state.pageOf', { page, pages, total })}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
          {t('actions.previous')}
        </Button>
        <Button variant="default" size="xs" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
          {t('actions.next')}
        </Button>
      </Group>
    </Group>
  );
}

/**
 * Keyset paging (`nextAfter` / `previousBefore` of the API: the same cost on any page). The page
 * number is the screen's own count; a button without a handler is disabled (nothing that way).
 */
export function KeysetPager({ total, limit, page, onPrevious, onNext }: { total: number; limit: number; page: number; onPrevious?: () => void; onNext?: () => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <Group justify="space-between" mt="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        {t('state.pageOf', { page: Math.min(page, pages), pages, total })}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={onPrevious === undefined} onClick={onPrevious}>
          {t('actions.previous')}
        </Button>
        <Button variant="default" size="xs" disabled={onNext === undefined} onClick={onNext}>
          {t('actions.next')}
        </Button>
      </Group>
    </Group>
  );
}
