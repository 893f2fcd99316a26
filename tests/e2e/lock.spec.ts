import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, Participant } from './fixtures';
import { writeProof } from './server';

// The device lock: a 5-digit PIN set in the settings, the lock screen after a reopen and
// after 5 minutes without use, what is stored behind it, five wrong PINs, and the shared phone.
// Every PIN check runs Argon2id at the production cost, which takes seconds in a busy browser.
test.setTimeout(180_000);

const PIN = '48213';
const LOCKED = { level: 1, name: 'Koers is op slot' } as const;
const SLOW = { timeout: 60_000 };

async function home(page: Page, name = 'Tarik') {
  await expect(page.getByRole('heading', { level: 1, name: `Hallo ${name}` })).toBeVisible(SLOW);
}

async function setPin(page: Page) {
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await page.getByLabel('Nieuwe pincode (5 cijfers)').fill(PIN);
  await page.getByLabel('Herhaal de pincode').fill(PIN);
  await page.getByRole('button', { name: 'Pincode instellen' }).click();
  await expect(page.getByText('Koers heeft een pincode.')).toBeVisible(SLOW);
}

async function unlock(page: Page, pin = PIN) {
  await page.getByLabel('Je pincode (5 cijfers)').fill(pin);
  await page.getByRole('button', { name: 'Openen' }).click();
}

/** localStorage and sessionStorage as one string. */
async function stored(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        parts.push(key, storage.getItem(key) ?? '');
      }
    }
    return parts.join('\n');
  });
}

/** Whether this browser holds the device key's database (`state::device_key`). */
async function deviceKeyStored(page: Page): Promise<boolean> {
  return page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'koers.device-key'));
}

async function writeReflectionOffline(page: Page, context: BrowserContext, participant: Participant, text: string) {
  await participant.nav('Doelen').click();
  await page.getByRole('link', { name: /Ik werk 3 dagen per week/ }).first().click();
  await context.setOffline(true);
  await page.getByRole('group', { name: 'Geef een cijfer van 1 tot 10' }).getByRole('radio', { name: '6', exact: true }).check();
  await page.getByLabel('Vertel in een paar woorden').fill(text);
  await page.getByRole('button', { name: 'Verstuur naar mijn begeleider' }).click();
}

test.describe('device lock', () => {
  test('a new PIN is checked: format, too easy, repeat', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await home(page);
    await page.getByRole('link', { name: 'Instellingen' }).click();
    const pin = page.getByLabel('Nieuwe pincode (5 cijfers)');
    const repeat = page.getByLabel('Herhaal de pincode');
    const save = page.getByRole('button', { name: 'Pincode instellen' });
    await pin.fill('123');
    await save.click();
    await expect(page.getByRole('alert')).toHaveText('Een pincode is precies 5 cijfers.');
    await pin.fill('12345');
    await repeat.fill('12345');
    await save.click();
    await expect(page.getByRole('alert')).toContainText('te makkelijk te raden');
    await pin.fill(PIN);
    await repeat.fill('48212');
    await save.click();
    await expect(page.getByRole('alert')).toContainText('niet hetzelfde');
    await participant.expectAccessible();
  });

  test('reopening asks for the PIN; a wrong one is counted; what waits is encrypted and survives', async ({ participant, page, context }) => {
    await participant.signIn('demo-0001');
    await home(page);
    await setPin(page);
    const secret = 'Mijn geheime reflectie voor vandaag';
    await writeReflectionOffline(page, context, participant, secret);
    await expect(page.getByText(/wacht|verstuurd zodra/i).first()).toBeVisible();

    const behindLock = await stored(page);
    expect(behindLock).toContain('koers.vault/1:');
    expect(behindLock).not.toContain(secret);
    expect(behindLock).not.toContain('Tarik');

    // Closed while offline (an online page would send it at once); opened again later.
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    const person = new Participant(again);
    await again.goto('./home');
    await expect(again.getByRole('heading', LOCKED)).toBeVisible();
    await expect(again.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
    await expect(again.getByText('Tarik')).toHaveCount(0);
    await person.expectAccessible();

    await unlock(again, '11111');
    await expect(again.getByRole('alert')).toHaveText(/nog 4 keer/, SLOW);
    await person.expectAccessible();

    // The outbox waited behind the lock: the PIN opens it and the reflection is delivered.
    const posted = again.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/api/v1/inbox/goal-reflections'), SLOW);
    await unlock(again);
    await home(again);
    const request = await posted;
    expect(request.postDataJSON().text).toBe(secret);
    // The write proof waited behind the PIN too (issue #18).
    expect(request.headers()['authorization']).toBe(`Koers-Write ${writeProof('demo-0001')}`);
    // The wrong PIN before is told once the lock opens.
    const told = again.getByRole('complementary').filter({ hasText: 'Verkeerde pincode: 1 keer sinds de vorige keer' });
    await expect(told).toBeVisible();
    await person.expectAccessible();
    await told.getByRole('button', { name: 'Oké' }).click();
    await expect(told).toHaveCount(0);
  });

  test.describe('before the app is stored on the phone', () => {
    test.use({ serviceWorkers: 'block' });

    test('offline, the PIN check says there is no internet and counts nothing', async ({ participant, page, context }) => {
      await participant.signIn('demo-0001');
      await home(page);
      await setPin(page);
      // Opened again: the lock screen comes, but not yet the PIN check (a chunk of its own).
      await page.close();
      const again = await context.newPage();
      await again.goto('./home');
      await expect(again.getByRole('heading', LOCKED)).toBeVisible();
      await context.setOffline(true);
      await unlock(again);
      await expect(again.getByRole('alert')).toContainText('Er is geen internet', SLOW);
      await new Participant(again).expectAccessible();
      // Back online the same screen works; the offline try was not counted as wrong.
      await context.setOffline(false);
      await unlock(again, '11111');
      await expect(again.getByRole('alert')).toHaveText(/nog 4 keer/, SLOW);
      await unlock(again);
      await home(again);
    });
  });

  test('locks after 5 minutes without use, and opens again where it was', async ({ participant, page }) => {
    await page.clock.install();
    await participant.signIn('demo-0001');
    await home(page);
    await setPin(page);
    await participant.nav('Agenda').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
    await page.clock.fastForward('04:00');
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
    await page.clock.fastForward('01:30');
    await expect(page.getByRole('heading', LOCKED)).toBeVisible();
    await expect(page.getByText('Tarik')).toHaveCount(0);
    await unlock(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible(SLOW);
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
  });

  test('a sealed dossier reopens with the PIN alone, and nothing of it is stored in plain text', async ({ participant, page }) => {
    await participant.signIn('DEMO-0004');
    await home(page);
    await setPin(page);
    await page.reload();
    await expect(page.getByRole('heading', LOCKED)).toBeVisible();
    await unlock(page);
    await expect(page.getByText('Koers heeft een pincode.')).toBeVisible(SLOW);
    await participant.nav('Doelen').click();
    await expect(page.getByText('Ik werk 3 dagen per week').first()).toBeVisible();
    const text = await stored(page);
    expect(text).not.toContain('Tarik');
    expect(text).not.toContain('Ik werk 3 dagen per week');
  });

  // Issue #18: behind a 5-digit PIN alone, the 100-bit key of a sealed dossier is worth
  // about 17 bits plus Argon2id against a copy of the storage. It is also sealed by a
  // non-extractable WebCrypto key in IndexedDB, which a copy of localStorage does not carry.
  test('a copy of localStorage in another browser does not open a sealed dossier, even with the right PIN', async ({ participant, page, browser, baseURL }) => {
    await participant.signIn('DEMO-0004');
    await home(page);
    await setPin(page);
    expect(await deviceKeyStored(page)).toBe(true);
    const copy = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));

    const other = await browser.newContext({ baseURL });
    const thief = await other.newPage();
    await thief.goto('./');
    await thief.evaluate((entries) => {
      for (const [key, value] of JSON.parse(entries)) localStorage.setItem(key, value);
    }, copy);
    await thief.reload();
    await expect(thief.getByRole('heading', LOCKED)).toBeVisible();
    await unlock(thief);
    // The PIN was right, but the dossier's key did not come with the copy: only the code opens it.
    await expect(thief.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible(SLOW);
    await expect(thief.getByText('Vul je code opnieuw in om je gegevens te openen.')).toBeVisible();
    await expect(thief.getByText('Tarik')).toHaveCount(0);
    await other.close();

    // On the phone itself the PIN alone still opens it.
    await page.reload();
    await unlock(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible(SLOW);
    await participant.nav('Doelen').click();
    await expect(page.getByText('Ik werk 3 dagen per week').first()).toBeVisible();
  });

  // Issue #18: the count of wrong PINs was a number in localStorage, and setting it back
  // gave a housemate five new guesses. Now each attempt uses up a wrap of the key.
  test('the PIN counter survives an edit of localStorage', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await home(page);
    await setPin(page);
    await page.reload();
    for (const left of [4, 3]) {
      await unlock(page, '11111');
      await expect(page.getByRole('alert')).toHaveText(new RegExp(`nog ${left} keer`), SLOW);
    }
    await page.evaluate(() => {
      const record = JSON.parse(localStorage.getItem('koers.lock')!);
      record.attempts_left = 5;
      localStorage.setItem('koers.lock', JSON.stringify(record));
    });
    await page.reload();
    await unlock(page, '11111');
    await expect(page.getByRole('alert')).toHaveText(/nog 2 keer/, SLOW);
    await unlock(page);
    // The lock opens where it was: the settings.
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible(SLOW);
    await expect(page.getByRole('complementary').filter({ hasText: 'Verkeerde pincode: 3 keer sinds de vorige keer' })).toBeVisible();
  });

  test('five wrong PINs sign out and wipe the device; "forgot" signs out too', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await home(page);
    await setPin(page);
    expect(await deviceKeyStored(page)).toBe(true);
    await page.reload();
    for (const left of [4, 3, 2, 1]) {
      await unlock(page, '11111');
      await expect(page.getByRole('alert')).toHaveText(new RegExp(`nog ${left} keer`), SLOW);
    }
    await unlock(page, '11111');
    await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible(SLOW);
    await expect(page.getByRole('alert')).toContainText('5 keer een verkeerde pincode');
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'koers.lang'));
    expect(keys).toEqual([]);
    await expect.poll(() => deviceKeyStored(page)).toBe(false);

    await participant.signIn('demo-0001');
    await home(page);
    await setPin(page);
    await page.reload();
    await page.getByRole('button', { name: 'Opnieuw inloggen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('koers.lock'))).toBeNull();
  });

  test('shared phone: closing the app signs out', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await home(page);
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByLabel('Gedeelde telefoon: uitloggen als ik Koers sluit').check();
    await participant.expectAccessible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
    await page.goto('./home');
    await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
    // The choice itself stays for the next person.
    expect(await page.evaluate(() => localStorage.getItem('koers.shared_phone'))).toBe('1');
  });
});
