import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';
import { fill, i18n, sectorKey, sectorLabel, startLanguage, tn, word } from './index.svelte';
import * as vocabulary from '../generated/vocabulary';

describe('messages', () => {
  it('Dutch and English have exactly the same keys', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it('no text is empty', () => {
    for (const [lang, m] of Object.entries({ nl, en })) {
      for (const [k, v] of Object.entries(m)) {
        expect(v.trim(), `${lang} ${k}`).not.toBe('');
      }
    }
  });

  it('both languages use the same placeholders', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(nl[k]), k).toEqual(names(en[k]));
    }
  });

  it('every count has a form for one and for any other number', () => {
    for (const k of Object.keys(en)) {
      if (k.endsWith('.one')) expect(Object.keys(en), k).toContain(k.replace(/\.one$/, '.other'));
      if (k.endsWith('.other')) expect(Object.keys(en), k).toContain(k.replace(/\.other$/, '.one'));
    }
  });

  // Before: "1 bestanden", "1 example organisations added".
  it('says one in the singular and other numbers in the plural', () => {
    i18n.lang = 'nl';
    expect(tn('overview.loaded', 1)).toBe('1 voorbeeldorganisatie toegevoegd.');
    expect(tn('overview.loaded', 7)).toBe('7 voorbeeldorganisaties toegevoegd.');
    expect(tn('history.verified', 0)).toBe('De geschiedenis is in orde: 0 veranderingen.');
    i18n.lang = 'en';
    expect(tn('overview.blocked', 1)).toBe('1 kind of message off');
    expect(tn('add.imported', 2, { name: 'X' })).toBe('X added with 2 uses of your data.');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(fill('{n} of {m}', { n: 3 })).toBe('3 of {m}');
  });

  it('translates the known sectors and leaves others as written', () => {
    i18n.lang = 'nl';
    expect(sectorLabel('bookshop')).toBe('Boekhandel');
    expect(sectorLabel('energy')).toBe('Energie');
    expect(sectorLabel('health-insurer')).toBe('Zorgverzekeraar');
    expect(sectorLabel('Bakkerij')).toBe('Bakkerij');
    i18n.lang = 'en';
    expect(sectorLabel('municipality')).toBe('Municipality');
  });

  it('shows sectors in the chosen language, also when typed in the other one', () => {
    // A sector typed as "Zorgverzekeraar" is stored as health-insurer, so it
    // reads "Health insurer" in English rather than staying Dutch.
    expect(sectorKey(' Zorgverzekeraar ')).toBe('health-insurer');
    expect(sectorKey('Bakkerij')).toBe('Bakkerij');
    i18n.lang = 'en';
    expect(sectorLabel('Zorgverzekeraar')).toBe('Health insurer');
  });

  it('names kinds, channels, choices and events from the generated vocabulary', () => {
    i18n.lang = 'nl';
    expect(word('kind', 'marketing')).toBe(vocabulary.kind.marketing.nl);
    expect(word('event', 'key-rotated')).toBe('Nieuw kenmerk voor deze organisatie');
    expect(word('concept', 'quiet-hours')).toBe('Rustige uren');
    i18n.lang = 'en';
    expect(word('channel', 'sms')).toBe(vocabulary.channel.sms.en);
    expect(word('event', 'no-such-event')).toBe('no-such-event');
  });

  it('starts in the language the app started in, unless a choice was saved', () => {
    // The app once started in Dutch whatever REGIE_LANG said.
    expect(startLanguage(null, 'en')).toBe('en');
    expect(startLanguage('nl', 'en')).toBe('nl');
    expect(startLanguage('en', 'nl')).toBe('en');
    expect(startLanguage(null, null)).toBe('nl');
  });

  it('keeps no label of its own for what the vocabulary names', () => {
    const own = Object.keys(en).filter((k) => /^(kind|channel|decision|basis|sector|event|language)\./.test(k));
    expect(own).toEqual([]);
  });
});
