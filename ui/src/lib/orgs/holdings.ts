// How a holding's switch behaves, from its legal basis and decision.
import type { DecisionAction } from '../generated/DecisionAction';
import type { Holding } from '../generated/Holding';

/** Whether the use of data is currently allowed (the switch is on). */
export function isAllowed(h: Holding): boolean {
  return h.decision !== 'consent-withdrawn' && h.decision !== 'objected';
}

/** The action that flips the switch, or null when the law gives no choice. */
export function flipAction(h: Holding): DecisionAction | null {
  if (h.locked) return null;
  if (h.basis === 'consent') return isAllowed(h) ? 'withdraw-consent' : 'give-consent';
  if (h.basis === 'legitimate-interest') return isAllowed(h) ? 'object' : 'withdraw-objection';
  return null;
}

/** Holdings grouped by purpose, in order of first appearance. */
export function byPurpose(holdings: Holding[]): [string, Holding[]][] {
  const m = new Map<string, Holding[]>();
  for (const h of holdings) {
    const list = m.get(h.purpose) ?? [];
    list.push(h);
    m.set(h.purpose, list);
  }
  return [...m.entries()];
}

/** The holdings as a map: data categories (rows) x purposes (columns). */
export function grid(holdings: Holding[]): {
  categories: string[];
  purposes: string[];
  cell: (category: string, purpose: string) => Holding | undefined;
} {
  const categories = [...new Set(holdings.map((h) => h.category))];
  const purposes = [...new Set(holdings.map((h) => h.purpose))];
  const at = new Map(holdings.map((h) => [`${h.category} ${h.purpose}`, h]));
  return { categories, purposes, cell: (c, p) => at.get(`${c} ${p}`) };
}
