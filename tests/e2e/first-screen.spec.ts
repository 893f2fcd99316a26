import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

// Issue #19: the sign-in screen is drawn by the HTML itself, so someone with the card in their
// hand sees it (and can type) before the wasm has arrived on a slow phone. The app then takes
// over the same screen: the code typed so far, a press of the button and the focus.

/** Holds the main module back until `release()`: the time a slow phone waits for it. */
async function holdTheApp(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pkg/koers_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const boot = (page: Page) => page.locator('#boot');

/** Where the sign-in screen's parts are, and what they say. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const parts = ['h1', 'main > p', 'label[for=code]', '#code', 'form button[type=submit]', 'main section h2', 'main section a', '.help-button', '.brand'];
    return parts.map((selector) => {
      const element = document.querySelector(selector)!;
      const box = element.getBoundingClientRect();
      return { selector, text: element.textContent, x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
    });
  });
}

test('before the app has started, the sign-in screen is there; a code typed and sent on it signs in', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./', { waitUntil: 'domcontentloaded' });
  await expect(boot(page)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await page.getByLabel('Jouw code').fill('demo-0001');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // Nothing was submitted to the server: the code is not in the address.
  expect(page.url()).not.toContain('demo-0001');
  await expect(boot(page)).toHaveAttribute('data-submitted', '');
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible({ timeout: 30_000 });
  await expect(boot(page)).toHaveCount(0);
});

test('typing goes on in the app’s own field when it takes over, with the focus and the letters kept', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Jouw code').pressSequentially('demo-00');
  release();
  await expect(boot(page)).toHaveCount(0, { timeout: 30_000 });
  const field = page.getByLabel('Jouw code');
  await expect(field).toHaveValue('demo-00');
  await expect(field).toBeFocused();
  await page.keyboard.type('01');
  await expect(field).toHaveValue('demo-0001');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
});

for (const [lang, title, label] of [
  ['nl', 'Inloggen', 'Jouw code'],
  ['en', 'Sign in', 'Your code'],
  ['ar', 'تسجيل الدخول', 'رمز الدخول'],
  ['pl', 'Logowanie', 'Twój kod'],
  ['tr', 'Giriş yap', 'Kodun'],
] as const) {
  test(`in ${lang}, the first screen is the app's sign-in screen: same words, same places, no axe-core violations`, async ({ page, participant }) => {
    await page.addInitScript((l) => localStorage.setItem('koers.lang', l), lang);
    const release = await holdTheApp(page);
    await page.goto('./', { waitUntil: 'domcontentloaded' });
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await expect(page.getByLabel(label)).toBeVisible();
    await participant.expectAccessible();
    // The help is there before the app too: 112 in one tap.
    await page.locator('#boot .help-button').click();
    await expect(page.locator('#boot a[href="tel:112"]')).toBeVisible();
    await page.locator('#boot .help-button').click();
    const drawn = await layout(page);
    release();
    await expect(boot(page)).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    expect(await layout(page)).toEqual(drawn);
  });
}

test('with text at 200 % and strong contrast, the first screen is already as large and as strong as the app’s', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('koers.text_size', '200');
    localStorage.setItem('koers.high_contrast', '1');
  });
  const release = await holdTheApp(page);
  await page.goto('./', { waitUntil: 'domcontentloaded' });
  await expect(boot(page)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '200');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  const drawn = await layout(page);
  release();
  await expect(boot(page)).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  expect(await layout(page)).toEqual(drawn);
});

test('signed in, locked or at another address, the HTML draws no sign-in screen', async ({ page, participant }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  const release = await holdTheApp(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(boot(page)).toBeHidden();
  await page.goto('./agenda', { waitUntil: 'domcontentloaded' });
  await expect(boot(page)).toBeHidden();
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible({ timeout: 30_000 });
  await expect(boot(page)).toHaveCount(0);
});
