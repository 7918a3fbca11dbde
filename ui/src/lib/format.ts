// Small formatting helpers, pure so they can be tested.
import type { Term } from './generated/Term';

/** The label of a DPV term in the chosen language, or the term itself. */
export function termLabel(terms: Map<string, Term>, compact: string, lang: 'nl' | 'en'): string {
  const t = terms.get(compact);
  return t ? t.label[lang] : compact.replace(/^(dpv|pd):/, '');
}

/** Indexes the catalogue by compact IRI. */
export function indexTerms(terms: Term[]): Map<string, Term> {
  return new Map(terms.map((t) => [t.compact, t]));
}

/** A date and time for people, in their language. */
export function formatDateTime(iso: string, lang: 'nl' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** Splits a recovery code into groups, for reading aloud and writing down. */
export function groupCode(code: string): string[] {
  return code.split(/[\s-]+/).filter((g) => g.length > 0);
}
