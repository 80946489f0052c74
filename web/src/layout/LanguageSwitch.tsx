import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import type { Language } from '../i18n/catalogues';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(value) => setLanguage(value as Language)}
      // Short on screen, named in full for screen readers.
      data={(['id', 'en'] as const).map((value) => ({
        value,
        label: (
          <>
            <span aria-hidden="true">{value.toUpperCase()}</span>
            <VisuallyHidden>{t(`language.${value}`)}</VisuallyHidden>
          </>
        ),
      }))}
      data-testid="language-switch"
    />
  );
}
