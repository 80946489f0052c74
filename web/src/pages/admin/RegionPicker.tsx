import { Autocomplete, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { useMe } from '../../auth/useMe';
import { formatRegion } from '../../lib/region';

export type Region = Schemas['RegionResponse'];

/** The regions of the caller's scope as the API knows them (GET /regions): agencies, accounts, protocol. */
export function useRegions() {
  return useQuery({ queryKey: ['regions'], queryFn: () => call(api.GET('/regions')) });
}

/** A scope as people read it: `35.14`, `35`, or "Nasional" for the national scope (`""`). */
export function useScopeLabel(): (code: string) => string {
  const { t } = useTranslation('onboarding');
  return (code) => (code === '' ? t('national') : formatRegion(code));
}

/**
 * Region of a new agency or account: the regions of the caller's scope to choose from (with what each
 * has), or a new kab/kota code typed in. Which codes are allowed is the API's to say (403, 400).
 */
export function RegionPicker({ value, onChange, label }: { value: string; onChange: (value: string) => void; label: string }) {
  const { t } = useTranslation('onboarding');
  const me = useMe().data;
  const regions = useRegions();
  const scopeLabel = useScopeLabel();
  const items = regions.data?.items ?? [];
  const byCode = new Map(items.map((r) => [formatRegion(r.regionCode), r]));
  const scope = me?.regionCode ?? '';
  const example = scope.length === 4 ? formatRegion(scope) : scope.length === 2 ? `${scope}.72` : '32.72';
  return (
    <Autocomplete
      label={label}
      description={t('picker.hint', { scope: scopeLabel(scope), example })}
      data={[...byCode.keys()]}
      value={value}
      onChange={onChange}
      renderOption={({ option }) => <RegionOption region={byCode.get(option.value)} code={option.value} />}
      maxDropdownHeight={280}
      required
      w={260}
    />
  );
}

function RegionOption({ region, code }: { region: Region | undefined; code: string }) {
  const { t } = useTranslation('onboarding');
  return (
    <Stack gap={0}>
      <Group gap="xs">
        <Text size="sm" ff="monospace">
          {code}
        </Text>
        {region?.name !== null && region?.name !== undefined && <Text size="sm">{region.name}</Text>}
      </Group>
      {region !== undefined && (
        <Text size="xs" c="dimmed">
          {t('picker.agencies', { count: region.agencies })} · {t('picker.users', { count: region.users })}
          {region.protocol !== null && ` · ${region.protocol.id === 'default' ? t('picker.protocolDefault') : t('picker.protocolOwn')}`}
        </Text>
      )}
    </Stack>
  );
}
