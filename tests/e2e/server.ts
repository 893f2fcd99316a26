import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
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

/** Who may write in which demo participant's name (`--writers`). */
export const DEMO_WRITERS = process.env.KOERS_DEMO_WRITERS ?? '../fixtures/demo-writers.json';

/** The demo desk tokens (`--desk-tokens`): the confidential adviser's opens `/balie`. */
export const DEMO_DESK_TOKENS = process.env.KOERS_DEMO_DESK_TOKENS ?? '../fixtures/demo-desk-tokens.json';
/** The demo adviser's desk token and key file (tests/fixtures). */
export const ADVISER_TOKEN = 'demo-desk-token-vp-1-0001';
export const ADVISER_KEY = '../fixtures/demo-keys/adviser.key';

/** The write proof of an access code, as docs/api.md ("Trusted writes") defines it. */
export function writeProof(code: string): string {
  const normalised = code.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return createHash('sha256').update(`koers-write:${normalised}`).digest('hex');
}

/** Lets `participant` write with `code` on this server (it reads the file again on change). */
export function allowWriter(server: RunningServer, participant: string, code: string) {
  const path = join(server.dir, 'writers.json');
  const file = JSON.parse(readFileSync(path, 'utf8'));
  file.writers[participant] = createHash('sha256').update(writeProof(code)).digest('hex');
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
}

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
  // A copy: a journey may add a writer without touching the others' servers.
  const writers = join(dir, 'writers.json');
  copyFileSync(resolve(DEMO_WRITERS), writers);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const args = ['--addr', `127.0.0.1:${port}`, '--dist', resolve(dist), '--database', db, '--results-token', RESULTS_TOKEN, '--writers', writers, '--desk-tokens', resolve(DEMO_DESK_TOKENS), '--quiet', ...extra];
  const child: ChildProcess = spawn(SERVER, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    if (await fetch(url).then((r) => r.ok, () => false)) {
      // The server compresses the app in the background at start (brotli at its slowest
      // setting). Asking for the largest files now waits for that here, once per server,
      // instead of in the first journey, whose first screen then took over 15 s on a busy
      // two-core machine.
      for (const file of ['pkg/koers_bg.wasm', 'pkg/split_home_chunk.wasm', 'pkg/split_dossier_pages.wasm']) {
        await fetch(new URL(file, url), { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer(), () => undefined);
      }
      return { url, db, dir, stop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`koers-server did not start (${SERVER} ${args.join(' ')})`);
}
