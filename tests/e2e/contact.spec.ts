import { execFileSync } from 'node:child_process';
import { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SERVER } from './server';

// A confidential message: written signed out or in, sent once through the outbox (also
// after being offline), and a quick exit that leaves nothing of it behind.


function storedMessages(): any[] {
  const db = process.env.KOERS_DB;
  if (!db) throw new Error('set KOERS_DB to the SQLite file of the server under test');
  // Messages to Ruth Blom are sealed to her key: only the key file opens them.
  const out = execFileSync(SERVER, ['export', '--database', db, '--kind', 'messages', '--key', '../fixtures/demo-keys/adviser.key'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** What the server itself holds: no message text in plain. */
function rawMessages(): string {
  const db = process.env.KOERS_DB!;
  return execFileSync(SERVER, ['export', '--database', db, '--kind', 'messages'], { encoding: 'utf8' });
}

async function openForm(page: Page) {
  await page.goto('./contact');
  await page.getByText('Stuur een bericht aan Ruth Blom').click();
  return page.locator('details.message', { hasText: 'Stuur een bericht aan Ruth Blom' });
}

test('a message written signed out is sent once, without a participant id', async ({ page, participant }) => {
  const words = `Ik wil graag praten over mijn woonplek ${Date.now()}`;
  const form = await openForm(page);
  await expect(form.getByText('Alleen Ruth Blom leest dit bericht')).toBeVisible();
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('alert')).toContainText('Schrijf eerst je bericht');
  await form.getByLabel('Je bericht').fill(words);
  await form.getByRole('radio', { name: 'Bel me terug' }).check();
  await form.getByLabel('Je telefoonnummer').fill('06 12');
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('alert')).toContainText('Vul een telefoonnummer in');
  await form.getByLabel('Je telefoonnummer').fill('06 12345678');
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('status')).toContainText('Verstuurd');
  await expect(form.getByLabel('Je bericht')).toHaveValue('');
  await participant.expectAccessible();
  const stored = storedMessages().filter((m) => m.body === words);
  expect(stored).toHaveLength(1);
  expect(stored[0].participant_id).toBeNull();
  expect(stored[0].to).toBe('vp-1');
  expect(rawMessages()).not.toContain(words);
  expect(stored[0].reply_via).toEqual({ phone: '06 12345678' });
  // Once stored, the text is no longer kept on the device.
  const kept = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  expect(kept).not.toContain(words);
});

test('a message written offline is sent exactly once when back online', async ({ page, context, participant }) => {
  const words = `Offline geschreven ${Date.now()}`;
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  const form = await openForm(page);
  await context.setOffline(true);
  await form.getByLabel('Je bericht').fill(words);
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('status')).toContainText('Wacht op versturen');
  expect(storedMessages().filter((m) => m.body === words)).toHaveLength(0);
  await context.setOffline(false);
  await expect(form.getByRole('status')).toContainText('Verstuurd', { timeout: 30_000 });
  const stored = storedMessages().filter((m) => m.body === words);
  expect(stored).toHaveLength(1);
  expect(typeof stored[0].participant_id).toBe('string');
});

test('anonymous when signed in sends no participant id', async ({ page, participant }) => {
  const words = `Anoniem ${Date.now()}`;
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  const form = await openForm(page);
  await form.getByLabel('Je bericht').fill(words);
  await form.getByLabel('Stuur zonder mijn naam (anoniem)').check();
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('status')).toContainText('Verstuurd');
  const stored = storedMessages().filter((m) => m.body === words);
  expect(stored).toHaveLength(1);
  expect(stored[0].participant_id).toBeNull();
});

test('quick exit replaces the screen with a neutral page', async ({ page }) => {
  const words = 'Dit mag niemand zien';
  const form = await openForm(page);
  await form.getByLabel('Je bericht').fill(words);
  await page.getByRole('button', { name: 'Snel weg' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pannenkoeken bakken' })).toBeVisible();
  await expect(page.getByText(words)).toHaveCount(0);
  const kept = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  expect(kept).not.toContain(words);
  // The contact page itself is gone from the history: back does not return to it.
  await page.goBack().catch(() => undefined);
  expect(page.url()).not.toContain('/contact');
});

test('quick exit signs out first: Back brings no dossier back', async ({ page, participant }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tarik');
  await page.goto('./contact');
  await page.getByRole('button', { name: 'Snel weg' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pannenkoeken bakken' })).toBeVisible();
  await page.goBack().catch(() => undefined);
  await page.goto('./home');
  await expect(page.getByLabel('Jouw code')).toBeVisible();
  await expect(page.getByText('Tarik')).toHaveCount(0);
  const kept = await page.evaluate(() => Object.keys(localStorage).concat(Object.keys(sessionStorage)).join(' '));
  expect(kept).not.toContain('koers.session');
});

test('signing out warns while a message still waits to be sent', async ({ page, context, participant }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  // The settings page is opened offline: from the service worker's copy of the app.
  await participant.appStored();
  const form = await openForm(page);
  await context.setOffline(true);
  await form.getByLabel('Je bericht').fill(`Wacht even ${Date.now()}`);
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('status')).toContainText('Wacht op versturen');
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('alert')).toContainText('Er wacht nog 1 bericht of antwoord');
  await participant.expectAccessible();
  await page.getByRole('button', { name: 'Toch uitloggen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await context.setOffline(false);
});

// Issue #20: a phone whose storage is full still sends, and says that closing would lose it.
test('with the phone storage full, a message waits in memory, says so, and is sent once', async ({ page, context }) => {
  const words = `Telefoon vol ${Date.now()}`;
  const form = await openForm(page);
  // Fill localStorage up to the browser's quota (not with koers. keys: sign-out must not matter).
  await page.evaluate(() => {
    let size = 1 << 20;
    for (let i = 0; size >= 16; i++) {
      try {
        localStorage.setItem(`filler-${i}`, 'x'.repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
  await context.setOffline(true);
  await form.getByLabel('Je bericht').fill(words);
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('status')).toContainText('Wacht op versturen');
  const warning = page.getByRole('alert').filter({ hasText: 'geen ruimte meer' });
  await expect(warning).toContainText('Laat Koers open tot het verstuurd is');
  await context.setOffline(false);
  await expect(form.getByRole('status')).toContainText('Verstuurd', { timeout: 30_000 });
  expect(storedMessages().filter((m) => m.body === words)).toHaveLength(1);
  // Room again: the outbox is stored, and the warning goes.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await form.getByLabel('Je bericht').fill(`${words} 2`);
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(warning).toHaveCount(0);
});
