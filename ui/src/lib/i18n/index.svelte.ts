// The UI language and the t() function. Components read `t` in their
// templates; changing the language re-renders them.
import { en } from './en';
import { nl } from './nl';

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

/** Fills {name} placeholders. */
export function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The text for `key` in the current language. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return fill(messages[state.lang][key], vars);
}

/** A text for a key built at run time (e.g. `channel.${c}`), falling back to the key. */
export function tk(key: string, vars?: Record<string, string | number>): string {
  const m = messages[state.lang] as Record<string, string>;
  return key in m ? fill(m[key], vars) : key;
}

/** A sector (e.g. "bookshop") in the current language; an unknown one as written. */
export function sectorLabel(sector: string): string {
  const m = messages[state.lang] as Record<string, string>;
  const key = `sector.${sector.trim().toLowerCase()}`;
  return key in m ? m[key] : sector;
}

/** Picks the current language from a {nl, en} label. */
export function pick(label: { nl: string; en: string }): string {
  return label[state.lang];
}
