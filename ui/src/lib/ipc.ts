// The one module that talks to the Rust side. Every command has a typed
// wrapper; errors always arrive as IpcError {code, message}.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open, save } from '@tauri-apps/plugin-dialog';
import type { AppStatus } from './generated/AppStatus';
import type { BackupReport } from './generated/BackupReport';
import type { Catalogue } from './generated/Catalogue';
import type { Channel } from './generated/Channel';
import type { ContactSettings } from './generated/ContactSettings';
import type { DecisionAction } from './generated/DecisionAction';
import type { ErrorCode } from './generated/ErrorCode';
import type { DeliveryView } from './generated/DeliveryView';
import type { DirectoryHit } from './generated/DirectoryHit';
import type { LetterName } from './generated/LetterName';
import type { LetterView } from './generated/LetterView';
import type { NewRequest } from './generated/NewRequest';
import type { OutcomeName } from './generated/OutcomeName';
import type { RequestSummary } from './generated/RequestSummary';
import type { ViaName } from './generated/ViaName';
import type { Event } from './generated/Event';
import type { Exported } from './generated/Exported';
import type { Imported } from './generated/Imported';
import type { IpcError } from './generated/IpcError';
import type { KeychainStatus } from './generated/KeychainStatus';
import type { Language } from './generated/Language';
import type { MessageKind } from './generated/MessageKind';
import type { NewHolding } from './generated/NewHolding';
import type { NewOrganisation } from './generated/NewOrganisation';
import type { OrgPage } from './generated/OrgPage';
import type { Overview } from './generated/Overview';
import type { PairwiseId } from './generated/PairwiseId';
import type { ProtectionKind } from './generated/ProtectionKind';
import type { ReadableFile } from './generated/ReadableFile';
import type { RecoveryCodeOnce } from './generated/RecoveryCodeOnce';

/** An error from a command, with the code to switch on. */
export class CommandError extends Error {
  readonly code: ErrorCode | 'ipc-failed';
  constructor(code: ErrorCode | 'ipc-failed', message: string) {
    super(message);
    this.code = code;
    this.name = 'CommandError';
  }
}

function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as IpcError).code === 'string' &&
    typeof (e as IpcError).message === 'string'
  );
}

/** Turns whatever a failed invoke threw into a CommandError. */
export function toCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  if (isIpcError(e)) return new CommandError(e.code, e.message);
  return new CommandError('ipc-failed', typeof e === 'string' ? e : String(e));
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toCommandError(e);
  }
}

export const ipc = {
  // session
  appStatus: () => call<AppStatus>('app_status'),
  createVault: (protection: ProtectionKind, passphrase: string | null) =>
    call<RecoveryCodeOnce>('create_vault', { protection, passphrase }),
  unlockVault: (passphrase: string | null) => call<AppStatus>('unlock_vault', { passphrase }),
  restoreVault: (
    backupPath: string | null,
    recoveryCode: string,
    protection: ProtectionKind,
    passphrase: string | null,
  ) => call<RecoveryCodeOnce>('restore_vault', { backupPath, recoveryCode, protection, passphrase }),
  openDemo: () => call<AppStatus>('open_demo'),
  lockVault: () => call<AppStatus>('lock_vault'),
  // organisations
  listOrganisations: () => call<Overview>('list_organisations'),
  getOrganisation: (id: string) => call<OrgPage>('get_organisation', { id }),
  addOrganisation: (org: NewOrganisation) => call<null>('add_organisation', { org }),
  addHolding: (orgId: string, holding: NewHolding) => call<null>('add_holding', { orgId, holding }),
  loadExamples: () => call<number>('load_examples'),
  importDeclaration: (path: string) => call<Imported>('import_declaration', { path }),
  catalogue: () => call<Catalogue>('catalogue'),
  // decisions
  decide: (orgId: string, purpose: string, category: string | null, action: DecisionAction) =>
    call<number>('decide', { orgId, purpose, category, action }),
  markSensitive: (category: string, sensitive: boolean) =>
    call<boolean>('mark_sensitive', { category, sensitive }),
  sensitiveCategories: () => call<string[]>('sensitive_categories'),
  // contact
  setContact: (orgId: string, channel: Channel, kind: MessageKind, allowed: boolean) =>
    call<boolean>('set_contact', { orgId, channel, kind, allowed }),
  setContactAll: (channel: Channel, kind: MessageKind, allowed: boolean) =>
    call<number>('set_contact_all', { channel, kind, allowed }),
  setGlobalOff: (off: boolean) => call<boolean>('set_global_off', { off }),
  setExempt: (orgId: string, exempt: boolean) => call<boolean>('set_exempt', { orgId, exempt }),
  updateContactSettings: (orgId: string, settings: ContactSettings) =>
    call<boolean>('update_contact_settings', { orgId, settings }),
  // export
  exportPreferences: (orgId: string, folder: string) =>
    call<Exported>('export_preferences', { orgId, folder }),
  readPreferenceFile: (path: string) => call<ReadableFile>('read_preference_file', { path }),
  pairwiseId: (orgId: string) => call<PairwiseId>('pairwise_id', { orgId }),
  // delivery
  deliveryStatus: (orgId: string) => call<DeliveryView | null>('delivery_status', { orgId }),
  linkOrganisation: (orgId: string, code: string) =>
    call<DeliveryView | null>('link_organisation', { orgId, code }),
  sendNow: (orgId: string) => call<DeliveryView | null>('send_now', { orgId }),
  newIdentifier: (orgId: string) => call<DeliveryView | null>('new_identifier', { orgId }),
  // your rights
  listRequests: (orgId: string | null) => call<RequestSummary[]>('list_requests', { orgId }),
  newRequest: (orgId: string, request: NewRequest) => call<RequestSummary>('new_request', { orgId, request }),
  getRequest: (id: number) => call<RequestSummary>('get_request', { id }),
  markRequestSent: (id: number, on: string, via: ViaName) => call<RequestSummary>('mark_request_sent', { id, on, via }),
  markRequestExtended: (id: number, on: string) => call<RequestSummary>('mark_request_extended', { id, on }),
  markRequestAnswered: (id: number, on: string, outcome: OutcomeName, file: string | null) =>
    call<RequestSummary>('mark_request_answered', { id, on, outcome, file }),
  requestLetter: (id: number, which: LetterName) => call<LetterView>('request_letter', { id, which }),
  saveLetterPdf: (id: number, which: LetterName, path: string) => call<null>('save_letter_pdf', { id, which, path }),
  emailLetter: (id: number, which: LetterName) => call<boolean>('email_letter', { id, which }),
  openWebform: (id: number) => call<null>('open_webform', { id }),
  searchDirectory: (text: string) => call<DirectoryHit[]>('search_directory', { text }),
  addFromDirectory: (slug: string) => call<string>('add_from_directory', { slug }),
  correctPrivacyContact: (orgId: string, email: string | null, postalAddress: string[]) =>
    call<null>('correct_privacy_contact', { orgId, email, postalAddress }),
  // history
  history: (orgId: string | null) => call<Event[]>('history', { orgId }),
  verifyHistory: () => call<number>('verify_history'),
  // settings
  setLanguage: (language: Language) => call<AppStatus>('set_language', { language }),
  keychainStatus: () => call<KeychainStatus>('keychain_status'),
  backupVault: (path: string) => call<BackupReport>('backup_vault', { path }),
  // performance marks (printed only with REGIE_STARTUP_TRACE=1); true when tracing
  perfTrace: (mark: 'interactive' | 'overview', ms: number, items: number) =>
    call<boolean>('perf_trace', { mark, ms, items }),
};

/** The save-file dialog; null when the person cancels. */
export async function chooseSavePath(defaultPath: string, name: string, extensions: string[] = ['json', 'regie']): Promise<string | null> {
  return save({ defaultPath, filters: [{ name, extensions }] });
}

/** The choose-folder dialog; null when the person cancels. */
export async function chooseFolder(defaultPath: string): Promise<string | null> {
  const picked = await open({ directory: true, multiple: false, defaultPath });
  return typeof picked === 'string' ? picked : null;
}

/** The open-file dialog; null when the person cancels. */
export async function chooseOpenPath(name: string, extensions: string[]): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters: [{ name, extensions }] });
  return typeof picked === 'string' ? picked : null;
}

/** Calls `f` with the organisation's id each time the courier delivered a file (or tried to); returns the function that stops it. */
export async function onDelivery(f: (orgId: string) => void): Promise<() => void> {
  return listen<string>('delivery', (e) => f(e.payload));
}
