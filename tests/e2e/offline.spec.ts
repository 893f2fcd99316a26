import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { countStored, expectStep, next, pick, sendFromReview } from './inbox';
import { DIST, RunningServer, startServer } from './server';

// The installable, offline app: the service worker (public/sw.js) serves the app shell and
// the last good copy of the data, the banner says how old it is, the outbox sends what was
// filled in offline, and a new build replaces the old cache after "Opnieuw laden".

const cacheNames = (page: Page) => page.evaluate(async () => (await caches.keys()).sort());

const storedPaths = (page: Page, cache: string) =>
  page.evaluate(async (name) => {
    const c = await caches.open(name);
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  }, cache);

test('offline: the app starts from its cache with the stored dossier and the banner; a survey filled in offline is stored once', async ({ participant, page, context }) => {
  test.setTimeout(120_000);
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.appStored();
  // From now on every document comes through the worker, which keeps the good ones.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await expect.poll(() => storedPaths(page, 'koers-dossier')).toEqual([expect.stringMatching(/\/api\/v1\/dossiers\/[0-9a-f]{32}\.json$/)]);
  // The active survey and the contacts are stored with the config, without opening them.
  await expect
    .poll(async () => (await storedPaths(page, 'koers-api')).sort())
    .toEqual(['/api/v1/config.json', '/api/v1/contacts.json', '/api/v1/surveys/deo-2026.json']);
  const banner = page.locator('.offline-banner');
  await expect(banner).toBeEmpty();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  const nextAppointment = page.getByRole('region', { name: 'Als volgende in je agenda' });
  await expect(nextAppointment.locator('.when')).toHaveText(/\d\d:\d\d$/);
  await expect(banner).toHaveAttribute('role', 'status');
  await expect(banner).toContainText(/^📴 Offline — bijgewerkt: vandaag \d\d:\d\d/);
  await expect(banner).toContainText('als je weer internet hebt');
  await participant.expectAccessible();

  // An app route opened offline is the cached app too.
  await page.goto('./vragenlijst');
  await expect(page.getByRole('heading', { level: 2, name: /Wat vind jij van je zorg/ })).toBeVisible();
  await expect(banner).toContainText('Offline');
  await page.getByRole('button', { name: 'Begin met de vragenlijst' }).click();
  await expectStep(page, 1, 16);
  for (const answer of ['Mee eens', null, 'Nee', 'Mee eens', '8', 'Nee', 'Neutraal', null, null, 'Goed zo', 'Mee eens', 'Nee', null, null, '7', null]) {
    if (answer) await pick(page, answer);
    await next(page);
  }
  await sendFromReview(page);
  await participant.expectAccessible();
  const outbox = await page.evaluate(() => JSON.parse(localStorage.getItem('koers.outbox') ?? '{"items":[]}'));
  const waiting = outbox.items.filter((i: any) => i.kind === 'survey-responses');
  expect(waiting).toHaveLength(1);
  const id: string = waiting[0].id;
  expect(countStored(id)).toBe(0);

  // Back online: the outbox sends it once, the data is fetched again and the banner goes.
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Verstuurd' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => countStored(id)).toBe(1);
  await expect(banner).toBeEmpty({ timeout: 20_000 });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(countStored(id)).toBe(1);
});

// Issue #18: an answer that arrives after sign-out must not put the dossier back.
test('a dossier answer that arrives after sign-out is not stored again', async ({ participant, page, context }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.appStored();
  const lookup = await page.evaluate(() => sessionStorage.getItem('koers.session'));
  expect(lookup).toMatch(/^[0-9a-f]{32}$/);
  // The server is slow: the worker's fetch of the dossier is held until after sign-out.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  let arrived = false;
  await context.route('**/api/v1/dossiers/*.json', async (route) => {
    await held;
    await route.continue();
    arrived = true;
  });
  const late = page.evaluate((l) => fetch(`api/v1/dossiers/${l}.json`).then((r) => r.status, () => 0), lookup);
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Jouw code')).toBeVisible();
  await expect.poll(() => cacheNames(page)).not.toContain('koers-dossier');
  release();
  await expect.poll(() => arrived).toBe(true);
  await late;
  // Give the worker time to (not) write it.
  await page.waitForTimeout(500);
  const names = await cacheNames(page);
  if (names.includes('koers-dossier')) expect(await storedPaths(page, 'koers-dossier')).toEqual([]);
  await context.unroute('**/api/v1/dossiers/*.json');
});

test('discreet name and icon; sign-out deletes the stored dossier', async ({ participant, page }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.appStored();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await expect.poll(async () => (await storedPaths(page, 'koers-dossier')).length).toBe(1);

  await page.getByRole('link', { name: 'Instellingen' }).click();
  const manifest = page.locator('link[rel=manifest]');
  await expect(manifest).toHaveAttribute('href', 'manifest.webmanifest');
  await page.getByLabel('Gewone naam en gewoon plaatje').check();
  await expect(manifest).toHaveAttribute('href', 'manifest-neutral.webmanifest');
  await expect(page.locator('link[rel=apple-touch-icon]')).toHaveAttribute('href', 'icons/neutral-apple-180.png');
  await participant.expectAccessible();
  const neutral = await (await page.request.get('manifest-neutral.webmanifest')).json();
  expect(neutral.name).toBe('Notities');

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Jouw code')).toBeVisible();
  await expect.poll(() => cacheNames(page)).not.toContain('koers-dossier');
  // The discreet choice is about the device, not the person: it stays, also after a reload.
  await page.reload();
  await expect(page.getByLabel('Jouw code')).toBeVisible();
  await expect(manifest).toHaveAttribute('href', 'manifest-neutral.webmanifest');
});

test('the manifest and icons make the app installable under its base path', async ({ page }) => {
  await page.goto('./');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const response = await page.request.get(href!);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Koers', short_name: 'Koers', display: 'standalone', start_url: './', scope: './' });
  const sizes = manifest.icons.map((i: any) => `${i.sizes} ${i.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const png = await page.request.get(icon.src);
    expect(png.status(), icon.src).toBe(200);
    expect(png.headers()['content-type']).toBe('image/png');
  }
  const touch = await page.locator('link[rel=apple-touch-icon]').getAttribute('href');
  expect((await page.request.get(touch!)).status()).toBe(200);
});

test.describe('a new release', () => {
  let dir: string;
  let server: RunningServer;
  let base: string;

  // A server of its own on a copy of the build, so rewriting its sw.js changes nothing else.
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koers-update-'));
    cpSync(DIST, join(dir, 'dist'), { recursive: true });
    server = await startServer(join(dir, 'dist'));
    base = server.url;
  });

  test.afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('replaces the old cache after "Opnieuw laden"', async ({ page, participant }) => {
    await page.goto(base);
    await expect(page.getByLabel('Jouw code')).toBeVisible();
    await participant.appStored();
    const before = (await cacheNames(page)).filter((k) => k.startsWith('koers-shell-'));
    expect(before).toHaveLength(1);
    const sw = join(dir, 'dist', 'sw.js');
    const text = readFileSync(sw, 'utf8');
    const version = /const VERSION = '([0-9a-f]{16})';/.exec(text)?.[1];
    expect(version, 'cargo xtask build writes the version into sw.js').toBeTruthy();
    expect(before[0]).toBe(`koers-shell-${version}`);
    // What finish_dist writes after any change to the app: a new version.
    const newer = 'feedc0de'.repeat(2);
    writeFileSync(sw, text.replace(`const VERSION = '${version}';`, `const VERSION = '${newer}';`));

    await page.reload();
    const prompt = page.locator('.update-prompt');
    await expect(prompt).toContainText('Er is een nieuwe versie');
    await expect(prompt).toHaveAttribute('role', 'status');
    await participant.expectAccessible();
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Opnieuw laden' }).click();
    await reloaded;
    await expect(page.getByLabel('Jouw code')).toBeVisible();
    await expect.poll(async () => (await cacheNames(page)).filter((k) => k.startsWith('koers-shell-'))).toEqual([`koers-shell-${newer}`]);
    await expect(prompt).toBeEmpty();
    // The new cache holds the whole shell: the app starts from it.
    const shell = await storedPaths(page, `koers-shell-${newer}`);
    expect(shell).toEqual(expect.arrayContaining(['/index.html', '/manifest.webmanifest', '/icons/koers-192.png']));
    expect(shell).toEqual(expect.arrayContaining(['/pkg/koers_bg.wasm', '/pkg/koers.js', '/pkg/__wasm_split.js']));
    // Every page's chunk too, so a page never opened online still opens offline.
    expect(shell.filter((p) => /^\/pkg\/split_(home_chunk|dossier_pages|survey_page|contact_page|settings_page|results_page)\.wasm$/.test(p)).length).toBe(6);
  });
});

test('a broken file online shows the error view, not the stored copy, and does not replace it', async ({ participant, page, context }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.appStored();
  await page.reload();
  await expect.poll(async () => (await storedPaths(page, 'koers-dossier')).length).toBe(1);
  // context.route also sees the worker's own fetch (page.route would not).
  await context.route('**/api/v1/dossiers/*.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '<html>oops' }),
  );
  await page.reload();
  await expect(page.getByRole('alert').getByRole('heading', { name: 'Dit lukt nu niet' })).toBeVisible();
  await expect(page.locator('.offline-banner')).toBeEmpty();
  // The good copy is still there for when the connection goes.
  await context.unroute('**/api/v1/dossiers/*.json');
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await expect(page.locator('.offline-banner')).toContainText('Offline — bijgewerkt');
});
