// Overview render time with 1,000 organisations, for bench.sh: the release
// app with a demo vault of 1,000 generated organisations, driven through
// WebDriver; the overview is left and opened again RENDERS times. Each
// render is measured in the page, from asking for the list to the list laid
// out; the app prints it ("overview: N ms for M organisations") and the page
// keeps it as a User Timing entry, "regie:overview", which is read here
// (WebKitWebDriver does not pass the app's output on).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { waitForPort } from './port.mjs';

const APP = process.env.BENCH_APP;
const DIR = process.env.BENCH_DIR;
const ORGS = Number(process.env.BENCH_ORGS ?? 1000);
const RENDERS = Number(process.env.BENCH_RENDERS ?? 10);
const PORT = 4446; // tauri-driver's own WebKitWebDriver listens on 4445


const driver = spawn(join(import.meta.dirname, 'node_modules/.bin/tauri-driver'), ['--port', String(PORT)], {
  env: {
    ...process.env,
    REGIE_DEMO: '1',
    REGIE_DEMO_ORGS: String(ORGS),
    REGIE_STARTUP_TRACE: '1',
    REGIE_VAULT: join(DIR, 'bench-vault', 'vault.regie'),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let buffered = '';
driver.stdout.on('data', (d) => {
  buffered += d.toString();
  const parts = buffered.split('\n');
  buffered = parts.pop();
  for (const l of parts) if (/^(overview|startup):/.test(l)) console.log(`  (app) ${l}`);
});

async function measures() {
  return browser.execute(() =>
    performance.getEntriesByName('regie:overview').map((e) => ({ ms: e.duration, organisations: e.detail?.organisations })),
  );
}
async function until(cond, what, timeout = 300000) {
  const end = Date.now() + timeout;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let browser;
try {
  await waitForPort(PORT, 20000);
  const t0 = Date.now();
  browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'warn',
    connectionRetryTimeout: 300000,
    capabilities: { browserName: 'wry', 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application: APP } },
  });
  await until(async () => (await measures()).length >= 1, 'the first overview');
  console.log(`  demo vault with ${ORGS} organisations ready and shown after ${Date.now() - t0} ms`);
  const cards = await browser.execute(() => document.querySelectorAll('li[data-org]').length);
  console.log(`  cards in the document: ${cards}`);
  for (let i = 0; i < RENDERS; i++) {
    const before = (await measures()).length;
    await (await browser.$('button[data-screen="settings"]')).click();
    await (await browser.$('#backup-path')).waitForExist({ timeout: 15000 });
    await (await browser.$('button[data-screen="overview"]')).click();
    await until(async () => (await measures()).length > before, 'an overview render');
  }
  const all = await measures();
  for (const m of all) console.log(`  overview: ${m.ms.toFixed(1)} ms for ${m.organisations} organisations`);
  const ms = all.map((m) => Math.round(m.ms * 10) / 10);
  const again = ms.slice(1).sort((a, b) => a - b);
  const median = again[Math.floor((again.length - 1) / 2)];
  const p90 = again[Math.min(again.length - 1, Math.ceil(again.length * 0.9) - 1)];
  console.log(`overview: first render ${ms[0]} ms; re-renders median ${median} ms, p90 ${p90} ms (n=${again.length})`);
} finally {
  await browser?.deleteSession().catch(() => {});
  driver.kill();
}
