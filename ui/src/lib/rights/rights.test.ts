import { describe, expect, it } from 'vitest';
import { RIGHTS, isoToday } from './rights';
import { en } from '../i18n/en';
import { nl } from '../i18n/nl';

describe('rights', () => {
  it('names and explains every right in both languages', () => {
    for (const r of RIGHTS) {
      for (const m of [en, nl] as Record<string, string>[]) {
        expect(m[`rights.right.${r}`], r).toBeTruthy();
        expect(m[`rights.explain.${r}`], r).toBeTruthy();
      }
    }
  });
  it('writes today as the date input wants it, in local time', () => {
    expect(isoToday(new Date(2026, 0, 31, 23, 59))).toBe('2026-01-31');
    expect(isoToday(new Date(2026, 10, 3, 0, 0))).toBe('2026-11-03');
  });
});
