// The UI language and the t() function. Components read `t` in their
// templates; changing the language re-renders them.
import { en } from './en';
import { nl } from './nl';
import * as vocabulary from '../generated/vocabulary';
import type { Label } from '../generated/Label';

export type Lang = 'nl' | 'en';
export type MessageKey = keyof typeof en;
export const messages: Record<Lang, Record<MessageKey, string>> = { nl, en };

const state = $state<{ lang: Lang }>({ lang: 'nl' });

export const i18n = {
  get lang(): Lang {
    return state.lang;
  },
  set lang(l: Lang) {
    state.lang = l;
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  },
};

/**
 * The language to show: the person's choice saved in the settings, else
 * the one the app started in (REGIE_LANG, else the system locale, else
 * Dutch), else Dutch.
 */
export function startLanguage(saved: Lang | null, started: Lang | null): Lang {
  return saved ?? started ?? 'nl';
}

/** Fills {name} placeholders. */
export function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The text for `key` in the current language. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return fill(messages[state.lang][key], vars);
}

/** The keys that have a form for one (`.one`) and for any other number (`.other`). */
export type CountKey = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

/**
 * The text for `key` with the count `n` ({n}) in the right form: Dutch and
 * English both take the form for one for exactly 1, the other form for
 * every other number (0 included).
 */
export function tn(key: CountKey, n: number, vars?: Record<string, string | number>): string {
  const form = (n === 1 ? `${key}.one` : `${key}.other`) as MessageKey;
  return t(form, { ...vars, n });
}

/** A text for a key built at run time (e.g. `human.${h}`), falling back to the key. */
export function tk(key: string, vars?: Record<string, string | number>): string {
  const m = messages[state.lang] as Record<string, string>;
  return key in m ? fill(m[key], vars) : key;
}

/** Picks the current language from a {nl, en} label. */
export function pick(label: { nl: string; en: string }): string {
  return label[state.lang];
}

/** The tables of names generated from regie-model (docs/GLOSSARY.md). */
export type Group = 'concept' | 'kind' | 'channel' | 'switchState' | 'globalSwitchMeaning' | 'decision' | 'basis' | 'sector' | 'language' | 'event';
const tables: Record<Group, Record<string, Label>> = vocabulary;

/**
 * The name of a kind, channel, choice, legal basis, sector, event, ... in
 * the current language, as the glossary gives it; an unknown key as written.
 */
export function word(group: Group, key: string): string {
  const l = tables[group][key];
  return l ? pick(l) : key;
}

/** A name as it stands at the start of a sentence or on a switch. */
export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A sector (e.g. "bookshop") in the current language; an unknown one as written. */
export function sectorLabel(sector: string): string {
  return word('sector', sectorKey(sector));
}

/**
 * What to store for a sector a person typed: the stored name of a sector
 * the glossary names (typed as "bookshop", "Boekhandel" or "Bookshop"),
 * else the text as typed.
 */
export function sectorKey(typed: string): string {
  const t = typed.trim().toLowerCase();
  for (const [key, l] of Object.entries(vocabulary.sector)) {
    if (key === t || l.nl.toLowerCase() === t || l.en.toLowerCase() === t) return key;
  }
  return typed.trim();
}
