import { test, expect } from './fixtures';
import { stored } from './inbox';

// Every page except sign-in comes from a wasm chunk fetched on its first visit
// (src/routes.rs, xtask/src/wasm.rs): the dossier pages together, contact, settings, survey.
// Without the service worker, so the page's own fetches reach the network (and the routes).
test.use({ serviceWorkers: 'block' });

const CONTACT_CHUNK = '**/pkg/split_contact_page.wasm';

test('the sign-in screen loads without any page chunk; a page fetches its own on the first visit', async ({ participant, page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto('./');
  await expect(page.getByLabel('Jouw code')).toBeVisible();
  expect(wasm).toEqual(['/pkg/koers_bg.wasm']);
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  // Home's own module and one chunk of the code it shares with other pages; once home is
  // in, the other dossier pages' module and theirs (xtask::wasm::CHUNK_OWNERS), not a chunk
  // per combination of pages (43 files before).
  await page.waitForLoadState('networkidle');
  const pages = [...new Set(wasm.filter((p) => p !== '/pkg/koers_bg.wasm'))].sort();
  const chunk = expect.stringMatching(/^\/pkg\/chunk_\d+\.wasm$/);
  expect(pages).toEqual([chunk, chunk, '/pkg/split_dossier_pages.wasm', '/pkg/split_home_chunk.wasm']);
  expect(wasm.some((p) => /contact/.test(p))).toBe(false);
  await participant.nav('Contact').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible();
  expect(wasm.some((p) => /\/pkg\/split_contact_page\.wasm$/.test(p))).toBe(true);
});

test('the home screen does not wait for the other dossier pages', async ({ participant, page, context }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/pkg/split_dossier_pages.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await expect(page.locator('.next-appointment')).toBeVisible();
  release();
  await participant.nav('Agenda').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  await expect(page.locator('article.appointment').first()).toBeVisible();
});

test('a chunk that fails to arrive on a bad connection is fetched again', async ({ participant, page, context }) => {
  let failures = 0;
  await context.route(CONTACT_CHUNK, (route) => (failures++ < 2 ? route.abort('connectionreset') : route.continue()));
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.nav('Contact').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible({ timeout: 15_000 });
  expect(failures).toBe(3);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a static host that serves wasm as application/octet-stream still works', async ({ participant, page, context }) => {
  await context.route('**/pkg/*.wasm', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.nav('Contact').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a chunk the server cannot give says so with a retry, and the page opens once it can', async ({ participant, page, context }) => {
  await context.route(CONTACT_CHUNK, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.nav('Contact').click();
  const alert = page.getByRole('alert');
  await expect(page.getByRole('heading', { level: 1, name: 'Dit lukt nu niet' })).toBeVisible();
  await expect(alert).toContainText('Er ging iets mis aan onze kant');
  // The app itself goes on: the menu still works.
  await expect(participant.nav('Agenda')).toBeVisible();
  await participant.expectAccessible();
  await context.unroute(CONTACT_CHUNK);
  await alert.getByRole('button', { name: 'Probeer opnieuw' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('offline before the app was stored: a new page says there is no internet and opens when the connection is back', async ({ participant, page, context }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Instellingen' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Er is geen internet');
  await participant.expectAccessible();
  // A tap while still offline keeps the message; nothing breaks.
  await alert.getByRole('button', { name: 'Probeer opnieuw' }).click();
  await expect(page.getByRole('alert')).toContainText('Er is geen internet');
  // The dossier pages (already here) still open.
  await participant.nav('Agenda').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await expect(page.getByRole('alert')).toContainText('Er is geen internet');
  // Back online, the page comes by itself.
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a write while the outbox cannot fetch its sending code waits, and goes once when the connection is back', async ({ participant, page, context }) => {
  const chunks: string[] = [];
  const arrived: string[] = [];
  page.on('request', (r) => {
    if (/split_send_due\.wasm$/.test(r.url())) chunks.push(r.url());
  });
  page.on('requestfinished', (r) => {
    if (/split_send_due\.wasm$/.test(r.url())) arrived.push(r.url());
  });
  await participant.signIn('demo-0001');
  await participant.nav('Afspraken').click();
  const button = page.getByRole('button', { name: 'Ik heb dit gelezen' }).first();
  await expect(button).toBeVisible();
  // Nothing was due at the start: the sending code was not fetched.
  await page.waitForLoadState('networkidle');
  expect(chunks).toHaveLength(0);
  // Offline, without a service worker: the sending code cannot arrive.
  await context.setOffline(true);
  await button.click();
  await expect(page.getByText('Wacht op versturen. Dit gaat vanzelf zodra er internet is.').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('koers.outbox') ?? '')).toContain('acknowledgements');
  // It was asked for, and could not arrive.
  expect(chunks.length).toBeGreaterThan(0);
  expect(arrived).toHaveLength(0);
  const sent = page.waitForRequest('**/api/v1/inbox/acknowledgements');
  const response = page.waitForResponse('**/api/v1/inbox/acknowledgements');
  await context.setOffline(false);
  const id = (await sent).postDataJSON().id;
  expect((await response).status()).toBe(201);
  await expect(page.getByText('Wacht op versturen. Dit gaat vanzelf zodra er internet is.')).toHaveCount(0);
  expect(stored('acknowledgements').filter((a) => a.id === id)).toHaveLength(1);
  expect(arrived.length).toBeGreaterThan(0);
});

test('when the app itself cannot be loaded, the page says so with a retry', async ({ page, context }) => {
  await context.route('**/pkg/koers_bg.wasm', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await page.goto('./');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Koers kon niet starten');
  await context.unroute('**/pkg/koers_bg.wasm');
  await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect(page.getByLabel('Jouw code')).toBeVisible();
});
