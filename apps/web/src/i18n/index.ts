import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

import en from './en.json';
import frCA from './fr-CA.json';

export const languages = ['fr-CA', 'en'] as const;
export type Language = (typeof languages)[number];

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { 'fr-CA': { translation: frCA }, en: { translation: en } },
    fallbackLng: 'fr-CA',
    supportedLngs: [...languages],
    // French first: only a choice the member made in this browser switches to English.
    detection: { order: ['localStorage'], lookupLocalStorage: 'maillage.langue', caches: ['localStorage'] },
    interpolation: { escapeValue: false },
  });

const syncDocumentLanguage = (language: string) => document.documentElement.setAttribute('lang', language);
syncDocumentLanguage(i18n.resolvedLanguage ?? 'fr-CA');
i18n.on('languageChanged', syncDocumentLanguage);

export { i18n };
