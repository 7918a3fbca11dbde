// The app's shared state: status, which screen, work in progress, notices.
import { ipc, CommandError, toCommandError } from './ipc';
import { indexTerms } from './format';
import { i18n, type Lang } from './i18n/index.svelte';
import type { AppStatus } from './generated/AppStatus';
import type { Term } from './generated/Term';

export type Screen = 'overview' | 'org' | 'contact' | 'export' | 'add' | 'rights' | 'request' | 'history' | 'settings';

export const app = $state<{
  status: AppStatus | null;
  screen: Screen;
  orgId: string | null;
  /** The request shown on the 'request' screen. */
  requestId: number | null;
  busy: boolean;
  notice: string | null;
  error: CommandError | null;
  terms: Map<string, Term>;
}>({
  status: null,
  screen: 'overview',
  orgId: null,
  requestId: null,
  busy: false,
  notice: null,
  error: null,
  // Replaced as a whole once loaded, never mutated in place.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  terms: new Map(),
});

/** Goes to a screen, optionally for one organisation. */
export function go(screen: Screen, orgId: string | null = app.orgId): void {
  app.screen = screen;
  app.orgId = orgId;
  app.notice = null;
  app.error = null;
}

/** Runs a piece of work with the busy indicator; shows its error. */
export async function work<T>(f: () => Promise<T>): Promise<T | undefined> {
  app.busy = true;
  app.error = null;
  try {
    return await f();
  } catch (e) {
    app.error = toCommandError(e);
    return undefined;
  } finally {
    app.busy = false;
  }
}

/** Reloads the status and the catalogue. */
export async function refreshStatus(): Promise<void> {
  const s = await work(() => ipc.appStatus());
  if (s) app.status = s;
  if (app.terms.size === 0) {
    const c = await work(() => ipc.catalogue());
    if (c) app.terms = indexTerms(c.terms);
  }
}

/** Changes the language, here and for messages from the Rust side. */
export async function setLanguage(lang: Lang): Promise<void> {
  i18n.lang = lang;
  try {
    localStorage.setItem('regie.lang', lang);
  } catch {
    // No storage: the choice lasts for this session.
  }
  const s = await work(() => ipc.setLanguage(lang));
  if (s) app.status = s;
}

/** The language chosen last time, if any. */
export function savedLanguage(): Lang | null {
  try {
    const l = localStorage.getItem('regie.lang');
    return l === 'nl' || l === 'en' ? l : null;
  } catch {
    return null;
  }
}
