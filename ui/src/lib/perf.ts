// Performance marks for docs/PERFORMANCE.md: the app prints them when
// started with REGIE_STARTUP_TRACE=1, and ignores them otherwise.
import { ipc } from './ipc';

let interactive = false;
let tracing = false;

/** The first screen is interactive; only the first call counts. */
export async function markInteractive(): Promise<void> {
  if (interactive) return;
  interactive = true;
  tracing = await ipc.perfTrace('interactive', 0, 0).catch(() => false);
}

/** The overview took `ms` from asking for it to the list laid out. */
export function traceOverview(started: number, organisations: number): void {
  const ms = performance.now() - started;
  // Also as a User Timing entry, which WebDriver can read (bench-overview.mjs).
  performance.measure('regie:overview', { start: started, duration: ms, detail: { organisations } });
  if (tracing) void ipc.perfTrace('overview', ms, organisations).catch(() => false);
}

/** Whether tracing is on (known after the first screen). */
export function isTracing(): boolean {
  return tracing;
}
