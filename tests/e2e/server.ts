import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// One koers-server per Playwright worker (and one more for a test that changes the build), each
// with its own database: journeys in different workers never see each other's writes.

/** The server binary under test (`cargo xtask test` passes the one `cargo test` built). */
export const SERVER = process.env.KOERS_SERVER ?? '../../target/debug/koers-server';
/** The release build under test. */
export const DIST = process.env.KOERS_DIST ?? '../../dist';
/** The survey team's token the servers are started with. */
export const RESULTS_TOKEN = process.env.KOERS_RESULTS_TOKEN ?? 'e2e-team-token';

export interface RunningServer {
  url: string;
  db: string;
  dir: string;
  stop(): void;
}

/** A port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as any).port;
      srv.close(() => done(port));
    });
    srv.on('error', fail);
  });
}

/** Starts a server on `dist` with a fresh database in a temporary directory. */
export async function startServer(dist = DIST, extra: string[] = []): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'koers-e2e-'));
  const db = join(dir, 'inbox.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const args = ['--addr', `127.0.0.1:${port}`, '--dist', resolve(dist), '--database', db, '--results-token', RESULTS_TOKEN, '--quiet', ...extra];
  const child: ChildProcess = spawn(SERVER, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    if (await fetch(url).then((r) => r.ok, () => false)) return { url, db, dir, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`koers-server did not start (${SERVER} ${args.join(' ')})`);
}
