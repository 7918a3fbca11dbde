// Searching and filtering the overview.
import type { OrgSummary } from '../generated/OrgSummary';
import type { Term } from '../generated/Term';

export type OrgFilter = 'all' | 'switched-off' | 'sensitive';

/** The organisations that match the search text and the filter. */
export function filterOrgs(
  orgs: OrgSummary[],
  query: string,
  filter: OrgFilter,
  terms: Map<string, Term>,
  sensitive: Set<string>,
): OrgSummary[] {
  const q = query.trim().toLowerCase();
  return orgs.filter((o) => {
    if (filter === 'switched-off' && o.switchedOff + o.blockedCells === 0) return false;
    if (
      filter === 'sensitive' &&
      !o.categories.some((c) => sensitive.has(c) || terms.get(c)?.sensitive)
    )
      return false;
    if (!q) return true;
    const words = [o.org.name, o.org.id, o.org.sector ?? ''];
    for (const c of [...o.categories, ...o.purposes]) {
      const t = terms.get(c);
      words.push(c, t?.label.nl ?? '', t?.label.en ?? '');
    }
    return words.some((w) => w.toLowerCase().includes(q));
  });
}
