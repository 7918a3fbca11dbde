// End-to-end: the real app in a real WebKitGTK window, driven through
// WebDriver (tauri-driver + WebKitWebDriver) under Xvfb. Run by run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Key, remote } from 'webdriverio';
import { waitForPort } from './port.mjs';
import { makeOrg } from './org.mjs';

const APP = process.env.REGIE_APP_BIN;
const CHECK = process.env.REGIE_CHECK_BIN;
const DIR = process.env.E2E_DIR;
const SHOTS = process.env.E2E_SHOTS;
const BANK = 'kvk:99999901';
const ORG_BIN = process.env.REGIE_ORG_BIN;
const PKI = process.env.E2E_PKI;
const INBOX_HOST = process.env.E2E_INBOX_HOST;
assert.ok(APP && CHECK && DIR && ORG_BIN && PKI && INBOX_HOST, 'run this through tests/e2e/run.sh');

const AXE = readFileSync(join(import.meta.dirname, 'node_modules/axe-core/axe.min.js'), 'utf8');
const OUT = join(DIR, 'out');
mkdirSync(OUT, { recursive: true });

let driver;
let browser;


/**
 * Starts the app through tauri-driver, with `env` added to its
 * environment (the rights test moves the clock with REGIE_TODAY).
 */
async function startApp(env = {}) {
  driver = spawn(join(import.meta.dirname, 'node_modules/.bin/tauri-driver'), ['--port', '4444'], {
    // The app starts in the language of REGIE_LANG (else the system
    // locale); the scenario starts in Dutch and switches to English.
    // The app trusts the CA made for this run and reaches the inbox's
    // host at 127.0.0.1; nothing else is trusted or resolved differently.
    env: {
      ...process.env,
      REGIE_VAULT: join(DIR, 'vault', 'vault.regie'),
      REGIE_LANG: 'nl',
      REGIE_CA_FILE: join(PKI, 'ca.pem'),
      REGIE_RESOLVE: `${INBOX_HOST}=127.0.0.1`,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForPort(4444, 20000);
  browser = await remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'warn',
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: APP },
    },
  });
}

/** Closes the app and tauri-driver. */
async function stopApp() {
  await browser?.deleteSession().catch(() => {});
  browser = null;
  if (driver) {
    const gone = new Promise((resolve) => driver.once('exit', resolve));
    driver.kill();
    await gone;
    driver = null;
  }
}

before(async () => {
  await startApp();
});

after(async () => {
  await stopApp();
  org.stop();
});

async function click(sel) {
  const e = await browser.$(sel);
  await e.waitForClickable({ timeout: 15000 });
  await e.click();
}

async function waitFor(sel, timeout = 15000) {
  const e = await browser.$(sel);
  await e.waitForExist({ timeout });
  return e;
}

async function waitChecked(sel, want) {
  await browser.waitUntil(async () => (await browser.$(sel).getAttribute('aria-checked')) === want, {
    timeout: 10000,
    timeoutMsg: `${sel} did not become aria-checked=${want}`,
  });
}

async function shot(lang, name) {
  if (!SHOTS) return;
  await browser.pause(500);
  execFileSync('import', ['-window', 'root', join(SHOTS, `${lang}-${name}.png`)]);
}

/** On failure, a screenshot of the screen as it was (E2E_FAILURE_SHOT). */
async function failureShot() {
  const to = process.env.E2E_FAILURE_SHOT;
  if (to) execFileSync('import', ['-window', 'root', to]);
}

/**
 * Runs axe-core on the screen as it is and fails on any serious or critical
 * violation. The source goes in through WebDriver's script execution, which
 * the page's CSP does not govern.
 */
const axeSummary = [];
async function checkA11y(name) {
  const loaded = await browser.execute(`if (!window.axe) { ${AXE}\n }\nreturn typeof window.axe;`);
  assert.equal(loaded, 'object', 'axe-core loaded into the page');
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, html: v.nodes[0]?.html }))))
      .catch((e) => done([{ id: 'axe-error', impact: 'critical', nodes: 0, help: String(e) }]));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeSummary.push(`${name}: ${violations.length} violation(s)${violations.length ? ' (' + violations.map((v) => `${v.id}/${v.impact}`).join(', ') + ')' : ''}`);
  assert.deepEqual(bad, [], `${name}: serious or critical accessibility violations`);
}

/** No horizontal scrolling of the page itself. */
async function assertNoHorizontalScroll(name) {
  const [sw, cw, wide] = await browser.execute(() => {
    const cw = document.documentElement.clientWidth;
    // What sticks out, outside boxes that scroll on their own, to say what is too wide.
    const clipped = (e) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => (e.getBoundingClientRect().right > cw + 1 || e.scrollWidth > e.clientWidth + 1) && getComputedStyle(e).overflowX === 'visible' && !clipped(e))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${[...e.classList].map((c) => '.' + c).join('')}`);
    return [document.documentElement.scrollWidth, cw, wide];
  });
  assert.ok(sw <= cw + 1, `${name}: the page scrolls sideways at 200% (${sw} > ${cw}): ${wide.join(', ')}`);
}

/** Presses Tab until `sel` has the focus; only the keyboard moves it. */
async function tabTo(sel, max = 80) {
  for (let i = 0; i < max; i++) {
    await browser.keys(Key.Tab);
    if (await browser.execute((s) => document.activeElement?.matches(s) ?? false, sel)) return i + 1;
  }
  throw new Error(`${sel} is not reachable with Tab`);
}

async function nav(screen) {
  await click(`button[data-screen="${screen}"]`);
}

const org = makeOrg(ORG_BIN, join(DIR, 'org'), PKI);

/** A screenshot of the screen in both languages (the one shown, then the other, and back). */
async function shotBoth(name) {
  if (!SHOTS) return;
  const now = await browser.execute(() => document.documentElement.lang);
  const other = now === 'nl' ? 'en' : 'nl';
  await shot(now, name);
  await click(`#lang-${other}`);
  await browser.pause(300);
  await shot(other, name);
  await click(`#lang-${now}`);
}

async function waitState(state, timeout = 20000) {
  await browser.waitUntil(async () => (await browser.$('#delivery').getAttribute('data-state')) === state, {
    timeout,
    timeoutMsg: `the delivery card did not come to say ${state}`,
  });
}

test('a person creates a vault, switches things off, exports and verifies the file', async () => {
  try {
    await scenario();
  } catch (e) {
    await failureShot().catch(() => {});
    throw e;
  }
});

async function scenario() {
  // 1. First start, in both languages.
  await waitFor('#create-vault');
  await shot('nl', 'first-start');
  await checkA11y('first-start');
  await click('#lang-en');
  await waitFor('h1=Welcome to Regie');
  await shot('en', 'first-start');
  await click('#lang-nl');
  await waitFor('h1=Welkom bij Regie');

  await click('input[name="protection"][value="passphrase"]');
  await (await waitFor('#pp')).setValue('een lange wachtwoordzin');
  await (await waitFor('#pp2')).setValue('een lange wachtwoordzin');
  await click('#create-vault');
  const code = await waitFor('[data-testid="recovery-code"]', 60000);
  assert.ok((await code.getText()).replace(/\s/g, '').length >= 20, 'a recovery code is shown');
  await click('#recovery-done');

  // 2. Examples.
  await click('#load-examples');
  await waitFor(`li[data-org="${BANK}"]`);
  await shot('nl', 'overview');
  await checkA11y('overview');

  // 3. The bank: a locked holding says why; withdraw consent for offers on transaction data.
  await click(`li[data-org="${BANK}"] .org-open`);
  const locked = await waitFor('li.holding[data-purpose="dpv:CounterMoneyLaundering"]');
  assert.equal(await locked.$('button[role="switch"]').isExisting(), false, 'a locked holding has no switch');
  const why = await locked.$('.locked-reason').getText();
  assert.match(why, /niet uitzetten/);
  assert.match(why, /Wwft/);
  const offers = 'li.holding[data-purpose="dpv:PersonalisedAdvertising"][data-category="pd:Transactional"] button[role="switch"]';
  await waitChecked(offers, 'true');
  await click(offers);
  await waitChecked(offers, 'false');
  await shot('nl', 'organisation');
  await checkA11y('organisation');

  // 4. Push off for the bank.
  await nav('contact');
  await waitFor('td[data-cell="push/proactive"] button');
  await browser.$('#contact-org').selectByAttribute('value', BANK);
  for (const kind of ['proactive', 'marketing', 'feedback']) {
    const sw = `td[data-cell="push/${kind}"] button`;
    await waitChecked(sw, 'true');
    await click(sw);
    await waitChecked(sw, 'false');
  }
  // The keyboard alone reaches the bank's push switch and toggles it,
  // with Space and with Enter.
  await nav('contact');
  const push = 'td[data-cell="push/proactive"] button[role="switch"]';
  const tabs = await tabTo(push);
  await browser.keys(Key.Space);
  await waitChecked(push, 'true');
  await browser.waitUntil(async () => browser.execute((s) => document.activeElement?.matches(s) && document.activeElement.getAttribute('aria-disabled') !== 'true', push), {
    timeout: 10000,
    timeoutMsg: 'the switch keeps the focus after toggling',
  });
  await browser.keys(Key.Enter);
  await waitChecked(push, 'false');
  console.log(`keyboard: the push switch is ${tabs} Tab presses into the contact screen`);
  await shot('nl', 'contact');
  await checkA11y('contact');

  // 5. Export the bank's file and read it back.
  await nav('export');
  const box = await waitFor(`input[data-org="${BANK}"]`);
  if (!(await box.isSelected())) await box.click();
  const folder = await waitFor('#export-folder');
  await folder.clearValue();
  await folder.setValue(OUT);
  await click('#export-button');
  await waitFor('#readable-file');
  assert.ok(await browser.$('[data-blocked="push/proactive"]').isExisting());
  await shot('nl', 'export');
  await checkA11y('export');

  // 6. Verify the saved file with regie-prefs alone.
  const out = JSON.parse(execFileSync(CHECK, [join(OUT, 'regie-kvk-99999901.json')], { encoding: 'utf8' }));
  assert.equal(out.organisation, BANK);
  assert.deepEqual(out.pushOff.sort(), ['feedback', 'marketing', 'proactive']);
  assert.ok(
    out.decisions.some(
      (d) => d.purpose === 'dpv:PersonalisedAdvertising' && d.state === 'consent-withdrawn' && d.categories.includes('pd:Transactional'),
    ),
    'the file says consent for offers on transaction data is withdrawn',
  );
  assert.match(out.issuer, /^did:key:z6Mk/);

  // 7. A bad declaration gives a clear message and adds nothing.
  const bad = join(OUT, 'bad-declaration.json');
  writeFileSync(bad, '{"format": "regie-declaration/1", "organisation": {"id": "x"}}');
  await nav('add');
  await (await waitFor('#decl-path')).setValue(bad);
  await click('#import-declaration');
  const err = await waitFor('.error[data-code="invalid-declaration"]');
  assert.ok((await err.getText()).length > 30, 'the error says what is wrong');
  await shot('nl', 'add');
  await checkA11y('add');

  await nav('history');
  await waitFor('.timeline li');
  await shot('nl', 'history');
  await checkA11y('history');
  await nav('settings');
  await waitFor('#backup-path');
  await shot('nl', 'settings');
  await checkA11y('settings');

  // 8. The same screens in English.
  await click('#lang-en');
  await nav('overview');
  await waitFor('h1=Organisations that have your data');
  await shot('en', 'overview');
  await click(`li[data-org="${BANK}"] .org-open`);
  await waitFor('li.holding[data-purpose="dpv:CounterMoneyLaundering"]');
  assert.match(await browser.$('li.holding[data-purpose="dpv:CounterMoneyLaundering"] .locked-reason').getText(), /cannot switch this off/);
  await shot('en', 'organisation');
  await nav('contact');
  await waitFor('td[data-cell="push/proactive"] button');
  await shot('en', 'contact');
  await nav('export');
  await waitFor('#export-folder');
  await shot('en', 'export');
  await nav('add');
  await (await waitFor('#decl-path')).setValue(bad);
  await click('#import-declaration');
  await waitFor('.error[data-code="invalid-declaration"]');
  await shot('en', 'add');
  await nav('history');
  await waitFor('.timeline li');
  await shot('en', 'history');
  await nav('settings');
  await waitFor('#backup-path');
  await shot('en', 'settings');

  // 9. 200% text size (the styles use rem): nothing scrolls sideways.
  await browser.execute(() => {
    document.documentElement.style.fontSize = '200%';
  });
  await nav('overview');
  await waitFor(`li[data-org="${BANK}"]`);
  await assertNoHorizontalScroll('overview');
  await shot('en', 'overview-200');
  await click(`li[data-org="${BANK}"] .org-open`);
  await waitFor('li.holding[data-purpose="dpv:CounterMoneyLaundering"]');
  await assertNoHorizontalScroll('organisation');
  await shot('en', 'organisation-200');
  for (const screen of ['contact', 'export', 'add', 'history', 'settings']) {
    await nav(screen);
    await browser.pause(300);
    await assertNoHorizontalScroll(screen);
  }
  await browser.execute(() => {
    document.documentElement.style.fontSize = '';
  });
  console.log(`axe-core (serious and critical fail the run):\n  ${axeSummary.join('\n  ')}`);
}

test('a person links the bank with a code; switching off arrives by itself and comes back confirmed', async () => {
  try {
    await delivery();
  } catch (e) {
    await failureShot().catch(() => {});
    throw e;
  }
});

async function delivery() {
  // 1. The bank sets up its side: database, receipt key, inbox over HTTPS,
  //    and its declaration signed with the receipt key.
  const { fingerprint, signed } = await org.setUp(BANK, INBOX_HOST);

  // 2. The person imports it: the bank's key is recorded, its fingerprint shown.
  await click('#lang-en');
  await nav('add');
  const path = await waitFor('#decl-path');
  await path.clearValue();
  await path.setValue(signed);
  await click('#import-declaration');
  await waitFor('#delivery');
  const notice = await (await waitFor('.notice')).getText();
  assert.ok(notice.includes(fingerprint), `the fingerprint ${fingerprint} is shown on import: ${notice}`);
  assert.ok((await browser.$('#delivery').getText()).includes(fingerprint), 'the card shows the fingerprint');
  await waitState('not-linked');
  await shotBoth('delivery-not-linked');
  await checkA11y('delivery-not-linked');

  // 3. A typo in the code is caught before anything is sent.
  const code = JSON.parse(org.run(['--json', 'link', '--customer', 'C-1001'])).code;
  const typo = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
  await (await waitFor('#link-code')).setValue(typo);
  await click('#link-button');
  await waitFor('.error[data-code="invalid-link-code"]');
  await waitState('not-linked');

  // 4. The right code links; the newest choices (push off, from the first
  //    test) go out by themselves and come back confirmed.
  const input = await waitFor('#link-code');
  await input.clearValue();
  await input.setValue(code);
  await click('#link-button');
  await waitState('confirmed');
  assert.match(await browser.$('#delivery-state').getText(), /Confirmed by Voorbeeldbank on/);
  assert.equal(org.allows('push', 'marketing'), false, 'regie-org check: push marketing is blocked after the receipt');
  assert.equal(org.allows('email', 'marketing'), true, 'e-mail marketing is still allowed');
  await shotBoth('delivery-confirmed');
  await checkA11y('delivery-confirmed');
  await nav('overview');
  await waitFor(`li[data-org="${BANK}"] [data-delivery="confirmed"]`);

  // 5. The bank's server is down: e-mail off waits, with the reason.
  org.stop();
  await nav('contact');
  await browser.$('#contact-org').selectByAttribute('value', BANK);
  const email = 'td[data-cell="email/marketing"] button';
  await waitChecked(email, 'true');
  await click(email);
  await waitChecked(email, 'false');
  await click(`button[data-screen="overview"]`);
  await click(`li[data-org="${BANK}"] .org-open`);
  await waitState('waiting');
  await browser.waitUntil(async () => browser.$('#delivery [data-problem]').isExisting(), { timeout: 20000, timeoutMsg: 'the failed try is not explained' });
  await shotBoth('delivery-waiting');
  await checkA11y('delivery-waiting');

  // 6. It comes back: the file is delivered and confirmed without the
  //    person doing anything (the next try is at most 30 s after the
  //    first failure).
  await org.start(org.port);
  await waitState('confirmed', 60000);
  assert.equal(org.allows('email', 'marketing'), false, 'regie-org check: e-mail marketing is blocked after the receipt');

  // 7. A new identifier: the old one is in use until the bank confirms it.
  const before = await browser.$('#delivery').getText();
  await click('#delivery summary');
  await click('#new-id');
  await click('#new-id-confirm');
  await browser.waitUntil(
    async () => (await browser.$('#delivery').getAttribute('data-state')) === 'confirmed' && (await browser.$('#delivery').getText()) !== before,
    { timeout: 30000, timeoutMsg: 'the new identifier was not confirmed with a new receipt' },
  );
  assert.equal(await browser.$('#new-id-waiting').isExisting(), false, 'the new identifier is confirmed');
  assert.equal(org.allows('email', 'marketing'), false, 'the bank still knows the person after the new identifier');
  await nav('history');
  await waitFor('.timeline li');
}

test('a person asks the bookshop for their data; Regie watches the deadline and keeps the answer', async () => {
  try {
    await rights();
  } catch (e) {
    await failureShot().catch(() => {});
    throw e;
  }
});

const BOOKSHOP = 'kvk:99999906';

async function rights() {
  // 1. From the bookshop's page: an access request, with a name only.
  await nav('overview');
  await click(`li[data-org="${BOOKSHOP}"] .org-open`);
  await waitFor('li.holding');
  const categories = await browser.execute(() => [...new Set([...document.querySelectorAll('li.holding .holding-what strong')].map((e) => e.textContent.trim()))]);
  assert.ok(categories.length > 0, 'the bookshop has holdings');
  // The person knows a better address for privacy requests: theirs wins.
  await click('#correct-contact summary');
  await (await waitFor('#correct-postal')).setValue('Postbus 42\n9700 AA Groningen');
  await click('#correct-contact button[type="submit"]');
  await waitFor('.notice');
  await click('#org-rights');
  await waitFor('#new-request');
  assert.equal(await browser.$('#request-org').getValue(), BOOKSHOP, 'the bookshop is chosen');
  await (await waitFor('#request-name')).setValue('Sam de Vries');
  await click('#make-request');
  const text = await (await waitFor('#letter-text')).getText();
  for (const c of categories) assert.ok(text.includes(c), `the letter names what the vault says the bookshop holds: ${c}`);
  assert.ok(text.includes('Sam de Vries'), 'the name the person chose is in the letter');
  assert.ok(text.includes('Postbus 42'), "the person's correction of the address is the letter's");
  assert.ok(await browser.$('#save-pdf').isExisting(), 'the letter can be saved as a PDF');
  await shotBoth('request-draft');
  await checkA11y('request-draft');

  // 2. The person sent it today, by e-mail.
  await click('#mark-sent button[type="submit"]');
  await browser.waitUntil(async () => (await browser.$('#request-status').getAttribute('data-state')) === 'sent', { timeout: 10000, timeoutMsg: 'the request is not noted as sent' });

  // 3. Forty days later (a clock for tests: REGIE_TODAY): the bookshop is late.
  await stopApp();
  const later = new Date(Date.now() + 40 * 86400000).toISOString().slice(0, 10);
  await startApp({ REGIE_TODAY: later });
  await (await waitFor('#unlock-pp')).setValue('een lange wachtwoordzin');
  await browser.keys(Key.Enter);
  await waitFor(`li[data-org="${BOOKSHOP}"] [data-overdue-requests="1"]`, 30000);
  await nav('rights');
  await click('li.request-row[data-state="overdue"] button');
  await waitFor('#request-status[data-state="overdue"]');
  await click('button[data-letter="reminder"]');
  await browser.waitUntil(async () => (await browser.$('#letter-text').getText()) !== text, { timeout: 10000, timeoutMsg: 'the reminder is not shown' });
  await click('button[data-letter="complaint"]');
  await waitFor('#file-with');
  await shotBoth('request-overdue');
  await checkA11y('request-overdue');

  // 4. The answer comes, with a file: kept in the vault, and in the history.
  const answer = join(OUT, 'antwoord-boekhandel.pdf');
  writeFileSync(answer, '%PDF-1.4 the bookshop answers\n');
  await (await waitFor('#answered-file')).setValue(answer);
  await click('#mark-answered button[type="submit"]');
  await browser.waitUntil(async () => (await browser.$('#request-status').getAttribute('data-state')) === 'answered', { timeout: 10000, timeoutMsg: 'the answer is not noted' });
  assert.ok((await browser.$('.timeline').getText()).includes('antwoord-boekhandel.pdf'), 'the file is kept with the answer');
  await nav('history');
  await browser.waitUntil(async () => /Answer received|Antwoord ontvangen/.test(await browser.$('.timeline').getText()), { timeout: 10000, timeoutMsg: 'the answer is not in the history' });
}
