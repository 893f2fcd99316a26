import { readFileSync } from 'node:fs';
import { Browser, Page } from '@playwright/test';
import { test, expect, Participant } from './fixtures';
import { ADVISER_KEY, ADVISER_TOKEN, startServer } from './server';

// The adviser's desk (/balie): a message a participant sealed is read in the adviser's
// browser with the desk code and the key file, marked read and handled, and the
// participant's phone shows what became of it. Nothing of the message or the key stays in
// the adviser's browser.

async function sendToRuth(page: Page, words: string) {
  await page.goto('./contact');
  await page.getByText('Stuur een bericht aan Ruth Blom').click();
  const form = page.locator('details.message', { hasText: 'Stuur een bericht aan Ruth Blom' });
  await form.getByLabel('Je bericht').fill(words);
  await form.getByRole('radio', { name: 'Bel me terug' }).check();
  await form.getByLabel('Je telefoonnummer').fill('06 12345678');
  await form.getByRole('button', { name: 'Verstuur bericht' }).click();
  await expect(form.getByRole('status')).toContainText('Verstuurd', { timeout: 20_000 });
}

/** The adviser, in a browser of their own. */
async function openDesk(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('./balie');
  await expect(page.getByRole('heading', { level: 1, name: 'Balie: berichten van deelnemers' })).toBeVisible({ timeout: 30_000 });
  return { context, page };
}

async function signInAtDesk(page: Page, token = ADVISER_TOKEN, key: string | null = ADVISER_KEY) {
  await page.getByLabel('Baliecode').fill(token);
  if (key) await page.getByLabel('Sleutelbestand').setInputFiles(key);
  await page.getByRole('button', { name: 'Open de balie' }).click();
}

/** Everything the adviser's browser keeps: storage, IndexedDB and the caches. */
async function keptInBrowser(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [JSON.stringify(localStorage), JSON.stringify(sessionStorage)];
    if (indexedDB.databases) parts.push(JSON.stringify(await indexedDB.databases()));
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        parts.push(request.url);
        const response = await cache.match(request);
        if (response) parts.push(await response.text());
      }
    }
    return parts.join('\n');
  });
}

test('the adviser reads a sealed message at the desk, handles it, and the participant sees it', async ({ page, participant, browser, baseURL }) => {
  test.setTimeout(150_000);
  const words = `Kunt u mij bellen over mijn huis ${Date.now()}`;
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await sendToRuth(page, words);
  const sentList = page.getByRole('region', { name: 'Je berichten' });
  await expect(sentList.getByText('Aan Ruth Blom').first()).toBeVisible();

  const desk = await openDesk(browser, baseURL!);
  const d = desk.page;
  // A wrong code and a wrong key file are said at their fields.
  await signInAtDesk(d, 'not-the-right-desk-code', ADVISER_KEY);
  await expect(d.getByRole('alert')).toContainText('Deze baliecode klopt niet');
  await signInAtDesk(d, ADVISER_TOKEN, '../fixtures/demo-keys/survey-team.key');
  await expect(d.getByRole('alert')).toContainText('Dit sleutelbestand hoort niet bij Ruth Blom');
  await new Participant(d).expectAccessible();
  await signInAtDesk(d);
  await expect(d.getByText('Berichten voor Ruth Blom')).toBeVisible();
  const card = d.getByRole('article').filter({ hasText: words });
  await expect(card.getByRole('heading', { name: 'Van Tarik (p-1001)' })).toBeVisible();
  await expect(card).toBeVisible();
  await expect(card.getByText('Naam bevestigd')).toBeVisible();
  await expect(card.getByText('Wil graag antwoord.')).toBeVisible();
  await expect(card.getByText('Nieuw', { exact: true })).toBeVisible();
  await new Participant(d).expectAccessible();

  await card.getByRole('button', { name: 'Lees het bericht' }).click();
  await expect(card.getByText(words)).toBeVisible();
  await expect(card.getByRole('link', { name: 'Bel 06 12345678' })).toHaveAttribute('href', 'tel:0612345678');
  await expect(card.getByText(/^Gelezen: /)).toBeVisible();
  await new Participant(d).expectAccessible();

  // The participant's phone: read by Ruth.
  await expect.poll(async () => {
    await page.reload();
    return page.getByRole('region', { name: 'Je berichten' }).innerText();
  }, { timeout: 40_000, intervals: [2_000, 5_000, 11_000] }).toContain('Gelezen door Ruth Blom op');

  await card.getByRole('button', { name: 'Afgehandeld' }).click();
  await card.getByLabel('Korte notitie (mag leeg blijven)').fill('Gebeld, afspraak op vrijdag.');
  await new Participant(d).expectAccessible();
  await card.getByRole('button', { name: 'Zet op afgehandeld' }).click();
  await expect(card.getByText(/^Afgehandeld: /)).toBeVisible();
  await expect(card.getByText('Notitie: Gebeld, afspraak op vrijdag.')).toBeVisible();
  // Handled messages are under their own filter.
  await d.getByRole('button', { name: /^Nieuw \(/ }).click();
  await expect(d.getByRole('article').filter({ hasText: words })).toBeHidden();
  await d.getByRole('button', { name: /^Afgehandeld \(/ }).click();
  await expect(d.getByRole('article').filter({ hasText: words })).toBeVisible();

  await expect.poll(async () => {
    await page.reload();
    return page.getByRole('region', { name: 'Je berichten' }).innerText();
  }, { timeout: 40_000, intervals: [2_000, 5_000, 11_000] }).toContain('Afgehandeld door Ruth Blom op');

  // Nothing of the message, the note, the code or the key in the adviser's browser.
  const key = JSON.parse(readFileSync(ADVISER_KEY, 'utf8')).secret_key;
  const kept = await keptInBrowser(d);
  for (const secret of [words, 'Gebeld, afspraak', ADVISER_TOKEN, key]) expect(kept).not.toContain(secret);
  // Closing the desk forgets the session: the form is back, empty.
  await d.getByRole('button', { name: 'Sluit de balie' }).click();
  await expect(d.getByLabel('Baliecode')).toHaveValue('');
  await expect(d.getByText(words)).toBeHidden();
  await desk.context.close();
});

test('a message sent signed out reaches the desk as anonymous and leaves no list on the phone', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const words = `Anoniem vanaf de telefoon van een ander ${Date.now()}`;
  await sendToRuth(page, words);
  await page.goto('./contact');
  await expect(page.getByRole('heading', { name: 'Je berichten' })).toBeHidden();

  const desk = await openDesk(browser, baseURL!);
  await signInAtDesk(desk.page);
  const card = desk.page.getByRole('article').filter({ hasText: words });
  await expect(card.getByRole('heading', { name: 'Anoniem bericht' })).toBeVisible();
  await card.getByRole('button', { name: 'Lees het bericht' }).click();
  await expect(card.getByText(words)).toBeVisible();
  await desk.context.close();
});

test('the desk in Arabic is accessible and right to left', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL, locale: 'ar' });
  const page = await context.newPage();
  await page.goto('./');
  await page.evaluate(() => localStorage.setItem('koers.lang', 'ar'));
  await page.goto('./balie');
  await expect(page.getByRole('heading', { level: 1, name: 'المكتب: رسائل من المشاركين' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await new Participant(page).expectAccessible();
  await page.getByLabel('رمز المكتب').fill(ADVISER_TOKEN);
  await page.getByLabel('ملف المفتاح').setInputFiles(ADVISER_KEY);
  await page.getByRole('button', { name: 'افتح المكتب' }).click();
  await expect(page.getByText('رسائل إلى Ruth Blom')).toBeVisible();
  await new Participant(page).expectAccessible();
  await context.close();
});

test('a message sealed by libsodium itself opens at the desk, and a damaged one is listed with its reason', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const sodium = (await import('libsodium-wrappers')).default;
  await sodium.ready;
  const key = JSON.parse(readFileSync(ADVISER_KEY, 'utf8'));
  const publicKey = sodium.from_base64(key.public_key, sodium.base64_variants.ORIGINAL);
  const words = `Verzegeld door libsodium ${Date.now()}`;
  const seal = (plain: any) => ({
    schema: plain.schema, id: plain.id, to: plain.to, sent_at: plain.sent_at,
    sealed: {
      alg: 'crypto_box_seal',
      recipient: key.public_key,
      ciphertext: sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(JSON.stringify(plain)), publicKey), sodium.base64_variants.ORIGINAL),
    },
  });
  const plain = (body: string) => ({
    schema: 'koers.message/1', id: crypto.randomUUID(), to: 'vp-1', sent_at: '2026-12-02T09:30:00+01:00',
    participant_id: null, callback_requested: true, reply_via: { email: 'iemand@example.org' }, body,
  });
  const good = seal(plain(words));
  // Sealed well, but its readable `to` was changed after sealing: the desk must not show it.
  const moved = seal(plain(`Verplaatst ${Date.now()}`));
  const post = (body: any) => fetch(new URL('api/v1/inbox/messages', baseURL!), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect((await post(good)).status).toBe(201);
  const ct = moved.sealed.ciphertext;
  moved.sealed.ciphertext = (ct[60] === 'A' ? ct.slice(0, 60) + 'B' : ct.slice(0, 60) + 'A') + ct.slice(61);
  expect((await post(moved)).status).toBe(201);

  const desk = await openDesk(browser, baseURL!);
  await signInAtDesk(desk.page);
  await expect(desk.page.getByText('Dit bericht is beschadigd en kan niet worden geopend.').first()).toBeVisible();
  // The text is in the card, hidden until it is opened.
  const card = desk.page.getByRole('article').filter({ hasText: words });
  await expect(card.getByText(words)).toBeHidden();
  await card.getByRole('button', { name: 'Lees het bericht' }).click();
  await expect(card.getByText(words)).toBeVisible();
  await expect(card.getByRole('link', { name: 'Mail iemand@example.org' })).toHaveAttribute('href', /^mailto:iemand@example\.org/);
  await desk.context.close();
});

test('many messages: the desk draws fifty and shows the rest on request', async ({ browser }) => {
  test.setTimeout(120_000);
  // A server of its own without the rate limit, so sixty messages go in at once.
  const server = await startServer(undefined, ['--rate-limit', '0']);
  try {
    const sodium = (await import('libsodium-wrappers')).default;
    await sodium.ready;
    const key = JSON.parse(readFileSync(ADVISER_KEY, 'utf8'));
    const publicKey = sodium.from_base64(key.public_key, sodium.base64_variants.ORIGINAL);
    for (let i = 0; i < 60; i++) {
      const plain = {
        schema: 'koers.message/1', id: crypto.randomUUID(), to: 'vp-1', sent_at: '2026-12-02T09:30:00+01:00',
        participant_id: null, callback_requested: false, reply_via: null, body: `Bericht nummer ${i}`,
      };
      const body = {
        schema: plain.schema, id: plain.id, to: plain.to, sent_at: plain.sent_at,
        sealed: { alg: 'crypto_box_seal', recipient: key.public_key,
          ciphertext: sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(JSON.stringify(plain)), publicKey), sodium.base64_variants.ORIGINAL) },
      };
      const r = await fetch(new URL('api/v1/inbox/messages', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(201);
    }
    const desk = await openDesk(browser, server.url);
    await signInAtDesk(desk.page);
    await expect(desk.page.getByText('Nieuwe berichten: 60')).toBeVisible();
    await expect(desk.page.getByRole('article')).toHaveCount(50);
    await desk.page.getByRole('button', { name: 'Toon er nog 10 (nog 10 in totaal)' }).click();
    await expect(desk.page.getByRole('article')).toHaveCount(60);
    await expect(desk.page.getByRole('button', { name: /^Toon er nog/ })).toBeHidden();
    await desk.context.close();
  } finally {
    server.stop();
  }
});
