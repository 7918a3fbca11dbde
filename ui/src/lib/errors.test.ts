import { describe, expect, it } from 'vitest';
import { ADVICE, adviceKey, happenedKey, sentence } from './errors';
import { en } from './i18n/en';
import { nl } from './i18n/nl';

describe('advice by code', () => {
  it('has a text in both languages for every code', () => {
    for (const key of Object.values(ADVICE)) {
      expect(en).toHaveProperty(key);
      expect(nl).toHaveProperty(key);
    }
  });

  // The vault's messages used to carry the command line's advice
  // (`--vault`, `regie restore --recovery-code-stdin`, `(--passphrase)`);
  // the app's advice names its screens, never a flag or a command.
  it('vault errors contained command-line flags, the app advice names none', () => {
    for (const key of Object.values(ADVICE)) {
      for (const text of [en[key], nl[key]]) {
        expect(text, key).not.toMatch(/--|`|\bregie [a-z]|REGIE_/);
      }
    }
  });

  it('keychain-unavailable showed (--passphrase), now the app names its own way', () => {
    const key = adviceKey({ code: 'keychain-unavailable' });
    expect(en[key]).toContain('passphrase');
    expect(en[key]).not.toContain('--passphrase');
    expect(nl[key]).toContain('wachtwoordzin');
  });

  it('uses the message from Rust for what happened, except for a call that failed', () => {
    expect(happenedKey({ code: 'locked' })).toBeNull();
    expect(happenedKey({ code: 'passphrase-needed' })).toBeNull();
    expect(happenedKey({ code: 'ipc-failed' })).toBe('error.ipc-failed');
  });

  it('makes a sentence of a message', () => {
    expect(sentence('this vault is protected with a passphrase')).toBe('This vault is protected with a passphrase.');
    expect(sentence('Klaar.')).toBe('Klaar.');
    expect(sentence('  ')).toBe('');
  });
});
