import { test, expect } from './fixtures';

// Every page except sign-in comes from a wasm chunk fetched on its first visit
// (src/routes.rs, xtask/src/wasm.rs): the dossier pages together, contact, settings, survey.
// Without the service worker, so the page's own fetches reach the network (and the routes).
test.use({ serviceWorkers: 'block' });

const CONTACT_CHUNK = '**/pkg/split_contact_page_*.wasm';

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
  expect(wasm.some((p) => /\/pkg\/split_dossier_chunk_\w+\.wasm$/.test(p))).toBe(true);
  expect(wasm.some((p) => /contact/.test(p))).toBe(false);
  await participant.nav('Contact').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible();
  expect(wasm.some((p) => /\/pkg\/split_contact_page_\w+\.wasm$/.test(p))).toBe(true);
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

test('a chunk that cannot be loaded at all ends in a clear message with a way back, not a blank page', async ({ participant, page, context }) => {
  await context.route(CONTACT_CHUNK, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await participant.nav('Contact').click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Er ging iets mis in Koers');
  await expect(alert).toContainText('is bewaard');
  await participant.expectAccessible();
  // The chunk is back: the button reloads the app, still signed in, and the page opens.
  await context.unroute(CONTACT_CHUNK);
  await alert.getByRole('button', { name: 'Opnieuw laden' }).click();
  await expect(participant.nav('Contact')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await participant.nav('Contact').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible();
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
