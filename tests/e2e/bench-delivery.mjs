// From a switch in the app to "confirmed", for bench-delivery.sh: the app
// (demo vault) linked to a real regie-org serving its inbox over HTTPS on
// loopback. Each sample flips one of the bank's switches on its page and
// waits, in the page, until the delivery card says "confirmed" with a new
// receipt: the click, the vault's change, the courier's send, the
// organisation's import and signed receipt, its verification and storage,
// and the page reloading. Timed in the page with performance.now().
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { waitForPort } from './port.mjs';
import { makeOrg } from './org.mjs';

const APP = process.env.BENCH_APP;
const DIR = process.env.BENCH_DIR;
const PKI = process.env.E2E_PKI;
const HOST = process.env.E2E_INBOX_HOST;
const ORG_BIN = process.env.REGIE_ORG_BIN;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const BANK = 'kvk:99999901';
const PORT = 4447;


const org = makeOrg(ORG_BIN, join(DIR, 'org'), PKI);
// One person flips far more often than the inbox lets one key send (20 a
// minute); the limit is lifted so that it measures the path, not the limit.
org.serveArgs = ['--inbox-rate-per-key', '100000'];
const driver = spawn(join(import.meta.dirname, 'node_modules/.bin/tauri-driver'), ['--port', String(PORT)], {
  env: { ...process.env, REGIE_DEMO: '1', REGIE_LANG: 'en', REGIE_CA_FILE: join(PKI, 'ca.pem'), REGIE_RESOLVE: `${HOST}=127.0.0.1` },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let browser;
try {
  const { signed } = await org.setUp(BANK, HOST);
  await waitForPort(PORT, 20000);
  browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'warn',
    capabilities: { browserName: 'wry', 'wdio:enforceWebDriverClassic': true, 'tauri:options': { application: APP } },
  });
  const $ = async (sel) => {
    const e = await browser.$(sel);
    await e.waitForExist({ timeout: 30000 });
    return e;
  };
  await (await $('button[data-screen="add"]')).click();
  await (await $('#decl-path')).setValue(signed);
  await (await $('#import-declaration')).click();
  await $('#delivery[data-state="not-linked"]');
  const code = JSON.parse(org.run(['--json', 'link', '--customer', 'C-1001'])).code;
  await (await $('#link-code')).setValue(code);
  await (await $('#link-button')).click();
  await $('#delivery[data-state="confirmed"]');

  const ms = [];
  for (let i = 0; i < SAMPLES; i++) {
    const took = await browser.executeAsync((done) => {
      const card = document.querySelector('#delivery');
      const before = card.textContent;
      const sw = document.querySelector('li.holding button[role="switch"]');
      const t0 = performance.now();
      const seen = () => {
        const c = document.querySelector('#delivery');
        return c && c.dataset.state === 'confirmed' && c.textContent !== before;
      };
      const obs = new MutationObserver(() => {
        if (seen()) {
          obs.disconnect();
          done(performance.now() - t0);
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      sw.click();
      setTimeout(() => {
        obs.disconnect();
        done(-1);
      }, 20000);
    });
    if (took < 0) throw new Error(`sample ${i}: not confirmed within 20 s`);
    ms.push(took);
    // Let the page settle before the next flip.
    await browser.pause(150);
  }
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  console.log(`switch to confirmed, ${ms.length} samples: p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, min ${ms[0].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`);
} finally {
  await browser?.deleteSession().catch(() => {});
  driver.kill();
  org.stop();
}
