import { describe, expect, it } from 'vitest';
import { errorKey, OWN_TEXT } from './errors';
import { en } from './i18n/en';
import type { ErrorCode } from './generated/ErrorCode';

describe('errorKey', () => {
  it('has a text in the message files for every code it claims', () => {
    for (const code of OWN_TEXT) expect(en).toHaveProperty(`error.${code}`);
  });
  it('uses the message from Rust for other codes', () => {
    const code: ErrorCode = 'locked';
    expect(errorKey({ code })).toBeNull();
    expect(errorKey({ code: 'passphrase-needed' })).toBe('error.passphrase-needed');
  });
});
