// The organisation in end-to-end tests and benchmarks: the real regie-org
// with its SQLite database, receipt key and signed declaration, serving its
// inbox over HTTPS with the certificate from pki.sh.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The organisation's side, in `dir`, run with the regie-org binary `bin`. */
export function makeOrg(bin, dir, pki) {
  mkdirSync(dir, { recursive: true });
  const db = ['--db', `sqlite:${join(dir, 'org.db')}`, '--lang', 'en'];
  return {
    server: null,
    port: 0,
    /** More options for `serve` (the benchmark lifts the per-key rate). */
    serveArgs: [],
    run(args) {
      return execFileSync(bin, [...db, ...args], { encoding: 'utf8' });
    },
    /** regie-org check for C-1001: true when allowed (exit 0), false when not (exit 1). */
    allows(channel, kind) {
      try {
        this.run(['check', '--customer', 'C-1001', '--channel', channel, '--kind', kind]);
        return true;
      } catch (e) {
        if (e.status === 1) return false;
        throw e;
      }
    },
    /** Starts `serve` on `port` (0: any); resolves with the port it listens on. */
    start(port) {
      const args = [...db, 'serve', '--listen', `127.0.0.1:${port}`, '--token-file', join(dir, 'token')];
      args.push('--key-file', join(dir, 'receipt.key'), '--tls-cert', join(pki, 'inbox.pem'), '--tls-key', join(pki, 'inbox.key'), ...this.serveArgs);
      this.server = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const lines = createInterface({ input: this.server.stderr });
      return new Promise((resolve, reject) => {
        let said = '';
        this.server.on('exit', (code) => reject(new Error(`regie-org serve stopped (${code}): ${said}`)));
        lines.on('line', (line) => {
          said += line + '\n';
          const m = line.match(/https:\/\/127\.0\.0\.1:(\d+)/);
          if (m) {
            this.port = Number(m[1]);
            resolve(this.port);
          }
        });
      });
    },
    stop() {
      if (!this.server) return;
      this.server.removeAllListeners('exit');
      this.server.kill();
      this.server = null;
    },
    /**
     * Sets the organisation up as `id`: database, token, receipt key, the
     * inbox served at `host`, and its declaration (the worked example of
     * docs/spec, dated today) signed with the receipt key. Resolves with the
     * key's fingerprint and the signed declaration's path.
     */
    async setUp(id, host) {
      this.run(['init', '--org', id, '--name', 'Voorbeeldbank', '--default', 'allow']);
      this.run(['token', '--out', join(dir, 'token')]);
      const key = JSON.parse(this.run(['--json', 'key', '--out', join(dir, 'receipt.key')]));
      const port = await this.start(0);
      const example = join(import.meta.dirname, '../../docs/spec/examples/declaration-voorbeeldbank.json');
      const body = JSON.parse(readFileSync(example, 'utf8'));
      body.organisation.id = id;
      body.issued = new Date().toISOString().slice(0, 10);
      writeFileSync(join(dir, 'body.json'), JSON.stringify(body));
      const signed = join(dir, 'declaration.json');
      this.run(['declaration', '--from', join(dir, 'body.json'), '--inbox', `https://${host}:${port}/v1/inbox`, '--key-file', join(dir, 'receipt.key'), '--out', signed]);
      return { fingerprint: key.fingerprint, signed };
    },
  };
}
