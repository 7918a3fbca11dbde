// Waiting for tauri-driver: shared by the end-to-end test and the benchmarks.
import { createConnection } from 'node:net';

/** Resolves once something listens on 127.0.0.1:`port`, or rejects after `ms`. */
export function waitForPort(port, ms) {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = createConnection(port, '127.0.0.1');
      s.on('connect', () => {
        s.end();
        resolve();
      });
      s.on('error', () => (Date.now() > end ? reject(new Error('tauri-driver did not start')) : setTimeout(attempt, 200)));
    };
    attempt();
  });
}
