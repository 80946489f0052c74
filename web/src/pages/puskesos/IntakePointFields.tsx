import { Fieldset, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IntakePoint } from './api';
import { formatVillage } from '../../lib/region';

/** The Puskesos officer's intake point, shown locked: the API records their own village, whatever the form says. */
export function IntakePointFields({ point }: { point: IntakePoint }) {
  const { t } = useTranslation('puskesos');
  return (
    <Fieldset legend={t('intakePoint.legend')} data-testid="intake-point">
      <Text size="sm" mb="xs">
        {t('intakePoint.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label={t('intakePoint.village')} name="villageCode" value={formatVillage(point.villageCode)} readOnly />
        <TextInput label={t('intakePoint.name')} name="intakePointName" value={point.name} readOnly />
      </SimpleGrid>
    </Fieldset>
  );
}
