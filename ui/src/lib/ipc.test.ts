import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

const { ipc, CommandError, toCommandError } = await import('./ipc');

describe('ipc', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it('passes the command name and camelCase arguments', async () => {
    invoke.mockResolvedValue(1);
    await ipc.decide('bank', 'dpv:DirectMarketing', 'pd:Transactional', 'withdraw-consent');
    expect(invoke).toHaveBeenCalledWith('decide', {
      orgId: 'bank',
      purpose: 'dpv:DirectMarketing',
      category: 'pd:Transactional',
      action: 'withdraw-consent',
    });
  });

  it('turns an {code, message} rejection into a CommandError with that code', async () => {
    invoke.mockImplementation(() => Promise.reject({ code: 'locked', message: 'u kunt dit niet uitzetten: de wet' }));
    let caught: unknown = null;
    try {
      await ipc.decide('bank', 'dpv:X', null, 'object');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CommandError);
    expect((caught as InstanceType<typeof CommandError>).code).toBe('locked');
    expect((caught as Error).message).toContain('de wet');
  });

  it('reports anything else as ipc-failed, never as a vault code', () => {
    expect(toCommandError('command not allowed').code).toBe('ipc-failed');
    expect(toCommandError(new Error('boom')).code).toBe('ipc-failed');
    expect(toCommandError({ code: 42 }).code).toBe('ipc-failed');
  });
});
