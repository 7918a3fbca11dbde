// The installed app makes a person's first vault: through WebDriver
// (tauri-driver and WebKitWebDriver, plain W3C requests) it clicks "create"
// on the first screen, as a person would, with the keychain. Then, while
// the app holds the vault open, the installed `regie` must refuse it as in
// use (exit 4, in Dutch and English); the vault's folder must be under
// $XDG_DATA_HOME and owner-only; and once the app has closed, `regie`
// opens the same vault with the key the app put in the keychain.
// Run by tests/package/run.sh, inside Xvfb, a D-Bus session and an
// unlocked test keyring.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const APP = process.env.PKG_APP;
const REGIE = process.env.PKG_REGIE;
const DRIVER = process.env.PKG_TAURI_DRIVER;
const DATA = process.env.XDG_DATA_HOME;
assert.ok(APP && REGIE && DRIVER && DATA, 'run this through tests/package/run.sh');

/** A port no one listens on now (others may run WebDriver on this machine). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
// tauri-driver's own port, and the one it gives WebKitWebDriver.
const PORT = await freePort();
const NATIVE_PORT = await freePort();
const BASE = `http://127.0.0.1:${PORT}`;
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, path, body) {
  const res = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value)}`);
  return json.value;
}

async function waitFor(session, css, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const found = await call('POST', `/session/${session}/element`, { using: 'css selector', value: css });
      const id = found[ELEMENT];
      if (!id) throw new Error(`an element without an id: ${JSON.stringify(found)}`);
      return id;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${css} did not appear within ${ms} ms: ${e.message}`);
      await sleep(250);
    }
  }
}

function regie(args, lang) {
  const r = spawnSync(REGIE, args, { env: { ...process.env, REGIE_LANG: lang }, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

const driver = spawn(DRIVER, ['--port', String(PORT), '--native-port', String(NATIVE_PORT)], { stdio: ['ignore', 'inherit', 'inherit'] });
let session;
try {
  for (let i = 0; ; i++) {
    try {
      await call('GET', '/status');
      break;
    } catch (e) {
      if (i > 100) throw new Error(`tauri-driver did not start: ${e.message}`);
      await sleep(200);
    }
  }
  session = (
    await call('POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: APP } } },
    })
  ).sessionId;

  // The first screen, with the keychain chosen (the default when there is one).
  const create = await waitFor(session, '#create-vault', 30000);
  await waitFor(session, 'input[name="protection"][value="keychain"]:checked', 5000);
  await call('POST', `/session/${session}/element/${create}/click`, {});
  const codeEl = await waitFor(session, '[data-testid="recovery-code"]', 60000);
  const code = await call('GET', `/session/${session}/element/${codeEl}/text`);
  assert.ok(code.replace(/\s/g, '').length >= 20, `a recovery code is shown: ${code}`);
  console.log('ok: the installed app made a vault with the keychain and showed its recovery code');

  // The vault, where the XDG base directories say, owner-only.
  const dir = join(DATA, 'regie');
  assert.equal(statSync(dir).mode & 0o777, 0o700, `${dir} is owner-only`);
  const files = readdirSync(dir);
  assert.ok(files.includes('vault.regie'), `the vault is in ${dir}: ${files.join(', ')}`);
  for (const f of files) {
    const mode = statSync(join(dir, f)).mode & 0o777;
    assert.equal(mode, 0o600, `${f} is owner-only (mode ${mode.toString(8)})`);
  }
  console.log(`ok: ${dir} is 0700 and its files (${files.join(', ')}) are 0600`);

  // The command line refuses the vault the app holds open.
  for (const [lang, phrase] of [
    ['nl', 'de kluis is open in een ander Regie-venster of -commando'],
    ['en', 'the vault is in use by another Regie window or command'],
  ]) {
    const r = regie(['orgs'], lang);
    assert.equal(r.code, 4, `regie orgs while the app has the vault (${lang}): exit ${r.code}: ${r.out}`);
    assert.ok(r.out.includes(phrase), `regie orgs (${lang}) says the vault is in use: ${r.out}`);
    console.log(`ok: regie orgs (${lang}) while the app has the vault: exit 4: ${r.out.trim()}`);
  }
} finally {
  if (session) await call('DELETE', `/session/${session}`).catch(() => {});
  driver.kill();
}

// Closed, the vault opens from the command line with the keychain's key.
let r;
for (let i = 0; i < 40; i++) {
  r = regie(['orgs'], 'en');
  if (r.code !== 4) break;
  await sleep(250);
}
assert.equal(r.code, 0, `regie orgs after the app closed: exit ${r.code}: ${r.out}`);
console.log('ok: after the app closed, regie orgs opens the same vault');
