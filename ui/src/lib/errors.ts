// What the person reads for an error. The Rust side sends a message in the
// person's language; for the few codes whose vault message speaks of the
// command line, the app says what to do here instead.
import type { CommandError } from './ipc';

/** Codes with their own text in the message files (`error.<code>`). */
export const OWN_TEXT = [
  'ipc-failed',
  'passphrase-needed',
  'key-file-missing',
  'key-file-damaged',
  'key-missing',
  'vault-corrupt',
] as const;

/** The key of the app's own text for this error, or null to show its message. */
export function errorKey(e: Pick<CommandError, 'code'>): `error.${(typeof OWN_TEXT)[number]}` | null {
  return (OWN_TEXT as readonly string[]).includes(e.code) ? (`error.${e.code}` as `error.${(typeof OWN_TEXT)[number]}`) : null;
}
