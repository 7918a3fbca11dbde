// What the person reads for an error: what happened, then what to do.
// What happened is the Rust side's message, already in the person's
// language; what to do is this app's own advice, chosen by the error code
// and naming the app's screens. The command line has its own advice for
// the same codes, naming its flags, so neither shows the other's.
import type { CommandError } from './ipc';
import type { ErrorCode } from './generated/ErrorCode';
import type { MessageKey } from './i18n/index.svelte';

/** Every code an error can have: the Rust side's, and a call that failed. */
export type Code = ErrorCode | 'ipc-failed';

/**
 * The advice for every code. The codes are generated from Rust, so a code
 * added there fails the type check here until it has advice.
 */
export const ADVICE: Record<Code, MessageKey> = {
  'vault-not-found': 'advice.vault-not-found',
  'not-a-vault': 'advice.not-a-vault',
  'vault-read-only': 'advice.vault-read-only',
  'no-permission': 'advice.no-permission',
  'disk-full': 'advice.disk-full',
  'vault-exists': 'advice.vault-exists',
  'vault-in-use': 'advice.vault-in-use',
  'wrong-key': 'advice.use-recovery-code',
  'vault-corrupt': 'advice.vault-corrupt',
  'key-file-missing': 'advice.use-recovery-code',
  'key-file-damaged': 'advice.use-recovery-code',
  'keychain-unavailable': 'advice.keychain-unavailable',
  'keychain-locked': 'advice.keychain-locked',
  'key-missing': 'advice.use-recovery-code',
  'passphrase-needed': 'advice.passphrase-needed',
  'wrong-passphrase': 'advice.wrong-passphrase',
  'passphrase-too-short': 'advice.passphrase-too-short',
  'bad-recovery-code': 'advice.bad-recovery-code',
  'recovery-code-mismatch': 'advice.recovery-code-mismatch',
  'vault-too-new': 'advice.vault-too-new',
  'unknown-organisation': 'advice.unknown-organisation',
  'unknown-holding': 'advice.unknown-holding',
  'organisation-exists': 'advice.organisation-exists',
  locked: 'advice.locked',
  'wrong-action': 'advice.wrong-action',
  'invalid-input': 'advice.invalid-input',
  'invalid-declaration': 'advice.invalid-declaration',
  'declaration-not-newer': 'advice.declaration-not-newer',
  'history-tampered': 'advice.history-tampered',
  io: 'advice.io',
  database: 'advice.database',
  random: 'advice.random',
  'no-vault-open': 'advice.no-vault-open',
  'vault-already-open': 'advice.vault-already-open',
  'file-rejected': 'advice.file-rejected',
  internal: 'advice.internal',
  'no-inbox': 'advice.no-inbox',
  'not-linked': 'advice.not-linked',
  'not-delivered': 'advice.not-delivered',
  'link-refused': 'advice.link-refused',
  'invalid-link-code': 'advice.invalid-link-code',
  'cannot-open': 'advice.cannot-open',
  'ipc-failed': 'advice.ipc-failed',
};

/** The key of the advice for this error. */
export function adviceKey(e: Pick<CommandError, 'code'>): MessageKey {
  return ADVICE[e.code];
}

/**
 * The key of the app's own words for what happened, where Rust sent none
 * (a call that did not reach it), else null: the message is Rust's.
 */
export function happenedKey(e: Pick<CommandError, 'code'>): MessageKey | null {
  return e.code === 'ipc-failed' ? 'error.ipc-failed' : null;
}

/** A message as a sentence: a capital first, a full stop last. */
export function sentence(s: string): string {
  const t = s.trim();
  if (t === '') return t;
  const first = t.charAt(0).toLocaleUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
