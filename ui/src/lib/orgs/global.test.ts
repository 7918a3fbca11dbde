import { describe, expect, it } from 'vitest';
import { globalOffFor, globalSwitchState } from './global';
import { capital, i18n, word } from '../i18n/index.svelte';

describe('the global switch', () => {
  it('is off when the vault blocks unsolicited messages, as `regie contact --all-orgs off` says', () => {
    // The app once showed a switch "No proactive messages from anyone" set
    // to On for the state the command line called off.
    expect(globalSwitchState(true)).toBe('off');
    expect(globalSwitchState(false)).toBe('on');
    expect(globalOffFor(false)).toBe(true);
    expect(globalOffFor(true)).toBe(false);
    expect(globalSwitchState(globalOffFor(false))).toBe('off');
  });

  it('says its position in the words the command line uses', () => {
    i18n.lang = 'nl';
    expect(capital(word('switchState', globalSwitchState(true)))).toBe('Uit');
    expect(word('globalSwitchMeaning', 'off')).toContain('geen ongevraagde berichten');
    i18n.lang = 'en';
    expect(capital(word('switchState', globalSwitchState(true)))).toBe('Off');
    expect(word('concept', 'global-switch')).toBe('Global switch');
  });
});
