import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues, LANGUAGES, NAMESPACES } from './catalogues';
import type { Language } from './catalogues';

const STORAGE_KEY = 'sinergi.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'id';
}

/** Bahasa Indonesia by default, English on request; the choice is kept in this browser. */
export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: catalogues,
  lng: initialLanguage(),
  fallbackLng: false, // a missing key shows as the key (and the catalogue test fails), never silently in the other language
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
document.documentElement.setAttribute('lang', i18n.language);

export default i18n;
