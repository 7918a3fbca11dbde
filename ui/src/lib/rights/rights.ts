// Small helpers for the rights screens, pure where they can be.
import { app, go } from '../app.svelte';
import type { RightName } from '../generated/RightName';

/** Every right, in the order the GDPR lists them. */
export const RIGHTS: RightName[] = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdrawal'];

/** Shows request `id`. */
export function openRequest(id: number): void {
  go('request', app.orgId);
  app.requestId = id;
}

/** Today as YYYY-MM-DD in the computer's time zone. */
export function isoToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
