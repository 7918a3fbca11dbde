import { describe, expect, it } from 'vitest';
import { filterOrgs } from './filter';
import { flipAction, isAllowed, byPurpose, grid } from './holdings';
import type { OrgSummary } from '../generated/OrgSummary';
import type { Holding } from '../generated/Holding';

function org(id: string, name: string, over: Partial<OrgSummary> = {}): OrgSummary {
  return {
    org: { id, name, sector: null, website: null, privacyEmail: null, privacyPostal: null, source: 'example', sourceDate: null },
    categories: ['pd:EmailAddress'],
    purposes: ['dpv:ServiceProvision'],
    holdings: 1,
    switchedOff: 0,
    blockedCells: 0,
    exemptFromGlobal: false,
    delivery: null,
    overdueRequests: 0,
    ...over,
  };
}

const orgs = [
  org('bank', 'Voorbeeldbank', { categories: ['pd:Transactional'], switchedOff: 1 }),
  org('shop', 'Boekhandel', { categories: ['pd:Health'] }),
];

describe('filterOrgs', () => {
  it('searches names, case-insensitively', () => {
    expect(filterOrgs(orgs, 'voorbeeld', 'all', new Map(), new Set()).map((o) => o.org.id)).toEqual(['bank']);
  });
  it('keeps only organisations with something switched off', () => {
    expect(filterOrgs(orgs, '', 'switched-off', new Map(), new Set()).map((o) => o.org.id)).toEqual(['bank']);
  });
  it('keeps only organisations using a category marked sensitive', () => {
    expect(filterOrgs(orgs, '', 'sensitive', new Map(), new Set(['pd:Health'])).map((o) => o.org.id)).toEqual(['shop']);
  });
});

function holding(over: Partial<Holding>): Holding {
  return {
    id: '1', category: 'pd:Transactional', purpose: 'dpv:DirectMarketing', basis: 'consent',
    basisLabel: { nl: '', en: '' }, basisExplanation: { nl: '', en: '' }, retention: null, grain: null,
    grainText: null, decision: 'consent-given', locked: false, lockedReason: null, note: null, decidedAt: null,
    ...over,
  };
}

describe('holdings', () => {
  it('withdraws consent that was given, and gives it back', () => {
    expect(flipAction(holding({}))).toBe('withdraw-consent');
    expect(flipAction(holding({ decision: 'consent-withdrawn' }))).toBe('give-consent');
    expect(isAllowed(holding({ decision: 'consent-withdrawn' }))).toBe(false);
  });
  it('objects to a legitimate interest', () => {
    expect(flipAction(holding({ basis: 'legitimate-interest', decision: 'not-objected' }))).toBe('object');
  });
  it('offers no switch for a locked holding', () => {
    expect(flipAction(holding({ basis: 'legal-obligation', decision: 'locked', locked: true }))).toBeNull();
  });
  it('maps categories against purposes', () => {
    const m = grid([holding({ id: '1' }), holding({ id: '2', category: 'pd:Name', purpose: 'dpv:X' })]);
    expect(m.categories).toEqual(['pd:Transactional', 'pd:Name']);
    expect(m.purposes).toEqual(['dpv:DirectMarketing', 'dpv:X']);
    expect(m.cell('pd:Name', 'dpv:X')?.id).toBe('2');
    expect(m.cell('pd:Name', 'dpv:DirectMarketing')).toBeUndefined();
  });
  it('groups by purpose', () => {
    const g = byPurpose([holding({ id: '1' }), holding({ id: '2', purpose: 'dpv:X' }), holding({ id: '3' })]);
    expect(g.map(([p, hs]) => [p, hs.length])).toEqual([['dpv:DirectMarketing', 2], ['dpv:X', 1]]);
  });
});
