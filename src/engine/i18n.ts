/**
 * Localisation: every user-facing string lives in `locales/<lang>/<namespace>.json` and is looked up
 * as `namespace:key`. Indonesian is the default and the fallback.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import type { Translate } from './dialog.js';
import type { Locale } from './types.js';
import { projectPath } from '../paths.js';

/** Loads every namespace file of every locale under `dir`. */
export function loadLocaleResources(dir = projectPath('locales')): Resource {
  const resources: Resource = {};
  for (const locale of readdirSync(dir)) {
    const namespaces: Record<string, Record<string, unknown>> = {};
    for (const file of readdirSync(join(dir, locale)).filter((name) => name.endsWith('.json'))) {
      const path = join(dir, locale, file);
      try {
        namespaces[basename(file, '.json')] = JSON.parse(readFileSync(path, 'utf8')) as Record<
          string,
          unknown
        >;
      } catch (error) {
        throw new Error(`${path}: invalid JSON: ${(error as Error).message}`);
      }
    }
    resources[locale] = namespaces;
  }
  return resources;
}

/** A ready translator: `translate('en')('menu:title')`. */
export interface Translator {
  translate(locale: Locale): Translate;
  readonly i18n: I18n;
}

/** Creates an isolated i18next instance over the project's locale files (synchronously). */
export function createTranslator(resources: Resource = loadLocaleResources()): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'id',
    fallbackLng: 'id',
    supportedLngs: ['id', 'en'],
    ns: Object.keys(resources.id ?? {}),
    defaultNS: 'common',
    nsSeparator: ':',
    keySeparator: '.',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  const fixed = new Map<Locale, Translate>();
  return {
    i18n: instance,
    translate(locale) {
      let t = fixed.get(locale);
      if (!t) {
        const bound = instance.getFixedT(locale);
        // Strings without variables never change at run time: look each up once.
        const plain = new Map<string, string>();
        t = (key, vars) => {
          if (vars) return bound(key, vars) as string;
          let text = plain.get(key);
          if (text === undefined) {
            text = bound(key) as string;
            plain.set(key, text);
          }
          return text;
        };
        fixed.set(locale, t);
      }
      return t;
    },
  };
}
