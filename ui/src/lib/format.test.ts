import { describe, expect, it } from 'vitest';
import { groupCode, indexTerms, termLabel } from './format';
import type { Term } from './generated/Term';

const terms: Term[] = [
  {
    compact: 'pd:Transactional',
    isPurpose: false,
    label: { nl: 'Betalingen', en: 'Payments' },
    explanation: { nl: 'x', en: 'x' },
    monitoring: false,
    sensitive: false,
  },
];

describe('format', () => {
  it('labels a known term in the chosen language and an unknown one by its name', () => {
    const idx = indexTerms(terms);
    expect(termLabel(idx, 'pd:Transactional', 'nl')).toBe('Betalingen');
    expect(termLabel(idx, 'pd:Transactional', 'en')).toBe('Payments');
    expect(termLabel(idx, 'dpv:Unknown', 'en')).toBe('Unknown');
  });

  it('groups a recovery code', () => {
    expect(groupCode('ABCDE-FGHIJ KLMNO')).toEqual(['ABCDE', 'FGHIJ', 'KLMNO']);
  });
});
