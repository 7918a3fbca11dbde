// The global switch reads like every switch in Regie: on while
// organisations may send unsolicited messages, off when none may. The vault
// records it the other way round, as "global off", so the screen turns it
// here, in one place; `regie contact --all-orgs off` means the same as this
// switch set to Off.

/** Where the global switch stands for the vault's "global off". */
export function globalSwitchState(globalOff: boolean): 'on' | 'off' {
  return globalOff ? 'off' : 'on';
}

/** The vault's "global off" for the switch set on (true) or off (false). */
export function globalOffFor(on: boolean): boolean {
  return !on;
}
