import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

// DEMO-0004 is Tarik's dossier published sealed (koers.sealed/1): the browser derives the
// key from the code (Argon2id, slow on purpose), keeps it in memory only and opens it.
const SEALED = 'DEMO-0004';
const GOAL = 'Ik werk 3 dagen per week';
const CODE_AGAIN = 'Vul je code opnieuw in om je gegevens te openen.';

// Key derivation at the production cost takes seconds in a throttled or busy browser.
test.setTimeout(120_000);

async function expectHome(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible({ timeout: 60_000 });
}

/** Everything the page can read back from its own storage, as one string. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        parts.push(key, storage.getItem(key) ?? '');
      }
    }
    if (indexedDB.databases) {
      for (const db of await indexedDB.databases()) {
        const name = db.name!;
        parts.push(`indexeddb:${name}`);
        const open = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        for (const store of Array.from(open.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const req = open.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          parts.push(JSON.stringify(all));
        }
        open.close();
      }
    }
    if ('caches' in self) {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          parts.push(request.url, response ? await response.text() : '');
        }
      }
    }
    return parts.join('\n');
  });
}

test.describe('sealed dossier', () => {
  test('DEMO-0004 opens: first name and next appointment on the home screen', async ({ participant, page, cspViolations }) => {
    await participant.signIn(SEALED);
    await expectHome(page);
    const next = page.getByRole('region', { name: 'Als volgende in je agenda' });
    await expect(next.locator('.when')).toHaveText(/^(vandaag|morgen|(ma|di|wo|do|vr|za|zo) \d+ \w+) \d\d:\d\d$/);
    expect(cspViolations).toEqual([]);
  });

  test('no dossier text is stored on the device after sign-in', async ({ participant, page }) => {
    await participant.signIn(SEALED);
    await expectHome(page);
    await participant.nav('Doelen').click();
    await expect(page.getByText(GOAL).first()).toBeVisible();
    const stored = await storedText(page);
    expect(stored).not.toContain('Tarik');
    expect(stored).not.toContain(GOAL);
    expect(stored.toUpperCase()).not.toContain('DEMO-0004');
  });

  test('a reload asks for the code again, with a plain message, and signs in again', async ({ participant, page }) => {
    await participant.signIn(SEALED);
    await expectHome(page);
    await page.reload();
    await expect(page.getByText(CODE_AGAIN)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('Jouw code')).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
    expect(await page.evaluate(() => sessionStorage.getItem('koers.session'))).toBeNull();
    await participant.expectAccessible();
    await page.getByLabel('Jouw code').fill(SEALED);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectHome(page);
    await expect(page.getByText(CODE_AGAIN)).toHaveCount(0);
  });

  test('a damaged envelope says it cannot be opened, never shows garbage', async ({ participant, page }) => {
    // On the context: with the service worker in control, page.route does not see its fetches.
    await page.context().route('**/api/v1/dossiers/*.json', async (route) => {
      const response = await route.fetch();
      const envelope = await response.json();
      if (envelope.schema !== 'koers.sealed/1') return route.fulfill({ response });
      const bytes = Buffer.from(envelope.ciphertext, 'base64');
      bytes[10] ^= 1;
      envelope.ciphertext = bytes.toString('base64');
      await route.fulfill({ response, json: envelope });
    });
    await participant.signIn(SEALED);
    await expect(page.getByRole('alert')).toContainText('We kunnen je gegevens niet openen', { timeout: 60_000 });
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText('Tarik')).toHaveCount(0);
  });

  // Issue #18: a host or CDN must not swap the envelope for a forged plain dossier.
  test('a plain dossier swapped in after a sealed sign-in is refused', async ({ participant, page }) => {
    await participant.signIn(SEALED);
    await expectHome(page);
    await page.context().route('**/api/v1/dossiers/*.json', (route) =>
      route.fulfill({
        json: { schema: 'koers.dossier/1', participant: { id: 'p-1004', first_name: 'Vervalst' },
          agreements: [{ id: 'a-x', title: 'Je hoeft niet meer te komen', owner: 'probation' }] },
      }),
    );
    await page.reload();
    await expect(page.getByRole('alert').first()).toContainText('We kunnen je gegevens niet openen', { timeout: 30_000 });
    await expect(page.getByText('Vervalst')).toHaveCount(0);
    await expect(page.getByText('Je hoeft niet meer te komen')).toHaveCount(0);
  });

  test('a wrong code of the right format is an unknown code', async ({ participant, page }) => {
    await participant.signIn('DEMO-0009');
    await expect(page.getByRole('alert')).toContainText('Deze code kennen we niet');
    await expect(page).toHaveURL(/\/$/);
  });

  test('#code= in the address signs in, and the fragment is gone from the address and history', async ({ page }) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`./#code=${SEALED}`);
    await expectHome(page);
    expect(page.url()).not.toContain('#');
    expect(page.url()).not.toContain('DEMO');
    expect(urls.filter((u) => /demo-?0004/i.test(u))).toEqual([]);
    const entries = await page.evaluate(() => ({ length: history.length, href: location.href }));
    expect(entries.href).not.toContain('code=');
    // Back goes to where the browser came from, never to an address with the code.
    await page.goBack().catch(() => undefined);
    expect(page.url()).not.toContain('code=');
  });

  test('the plain demo codes still work next to the sealed one', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Gebruik code DEMO-0004' }).click();
    await expect(page.getByLabel('Jouw code')).toHaveValue('DEMO-0004');
  });
});
