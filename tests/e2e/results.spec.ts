import { readFileSync } from 'node:fs';
import { APIRequestContext, Page } from '@playwright/test';
import _sodium from 'libsodium-wrappers';
import { test, expect } from './fixtures';

// The results page for the survey team: token (password field), counts, averages in Dutch
// notation, figures withheld below five answers, filter by period, CSV download.

const TOKEN = process.env.KOERS_RESULTS_TOKEN ?? 'e2e-team-token';

/** A valid deo-2026 response: every required visible question, "no" to the follow-ups. */
function response(n: number, overall: number) {
  return {
    schema: 'koers.survey-response/1',
    // Fixed ids: posting again is "already stored", so retries do not add responses.
    id: `5e5e5e5e-0000-4000-8000-00000000000${n}`,
    survey_id: 'deo-2026',
    survey_version: 1,
    // A month no other test uses, so the period filter isolates these responses.
    submitted_at: `2020-03-0${n}T12:00:00+01:00`,
    language: 'nl',
    mode: 'personal',
    participant_id: null,
    answers: [
      { question: 'info_clear', value: 4 },
      { question: 'goals_known', value: false },
      { question: 'mentor_listens', value: 5 },
      { question: 'mentor_grade', value: 8 },
      { question: 'lives_with_us', value: false },
      { question: 'rules_clear', value: 3 },
      { question: 'contact_amount', value: 'right' },
      { question: 'feels_safe', value: 4 },
      { question: 'had_complaint', value: false },
      { question: 'overall', value: overall },
      { question: 'tip', value: `Tip nummer ${n}` },
    ],
  };
}

async function submit(request: APIRequestContext, items: Array<[number, number]>) {
  for (const [n, overall] of items) {
    const res = await request.post('api/v1/inbox/survey-responses', { data: response(n, overall) });
    expect([200, 201], await res.text()).toContain(res.status());
  }
}

/**
 * Five kiosk responses in April 2020. The server refuses a filter when what it leaves out
 * (after the period, or the other ways of filling in) holds 1 to 4 responses; other
 * journeys in this worker may have sent a few, so these keep that part at five or more.
 */
async function submitOthers(request: APIRequestContext) {
  for (let n = 1; n <= 5; n++) {
    const data = {
      ...response(n, 7),
      id: `5e5e5e5e-0000-4000-8000-00000000010${n}`,
      submitted_at: `2020-04-0${n}T12:00:00+02:00`,
      mode: 'kiosk',
    };
    const res = await request.post('api/v1/inbox/survey-responses', { data });
    expect([200, 201], await res.text()).toContain(res.status());
  }
}

test.describe('results', () => {
  test('a wrong token shows an alert', async ({ participant, page }) => {
    await page.goto('./resultaten/deo-2026');
    await expect(page.getByRole('heading', { level: 1, name: 'Resultaten van de vragenlijst' })).toBeVisible();
    const field = page.getByLabel('Code van het team');
    await expect(field).toHaveAttribute('type', 'password');
    await participant.expectAccessible();
    await field.fill('not-the-token');
    await page.getByRole('button', { name: 'Toon resultaten' }).click();
    await expect(page.getByRole('alert')).toHaveText('Deze code klopt niet. Probeer het opnieuw.');
    await participant.expectAccessible();
  });

  test('a filter of fewer than five is refused, averages from five, filter and CSV', async ({ participant, page, request, cspViolations }) => {
    await submitOthers(request);
    await submit(request, [[1, 7], [2, 8], [3, 8]]);
    await page.goto('./resultaten/deo-2026');
    await page.getByLabel('Code van het team').fill(TOKEN);
    await page.getByRole('button', { name: 'Toon resultaten' }).click();
    await expect(page.getByTestId('results-count')).toBeVisible();

    // Only this test's month.
    await page.getByLabel('Vanaf datum').fill('2020-03-01');
    await page.getByLabel('Tot en met datum').fill('2020-03-31');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    // Three responses in this period: refused, and the figures shown before stay.
    await expect(page.getByTestId('results-refused')).toHaveText(
      'Deze keuze kan laten zien wat minder dan 5 mensen hebben geantwoord. Kies een andere periode of alle manieren van invullen. De cijfers hieronder horen nog bij je vorige keuze.',
    );
    await expect(page.getByTestId('results-count')).toBeVisible();
    await participant.expectAccessible();

    await submit(request, [[4, 9], [5, 8]]);
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect(page.getByTestId('results-count')).toHaveText('5');
    await expect(page.getByTestId('results-refused')).toHaveCount(0);
    // (7 + 8 + 8 + 9 + 8) / 5 = 8, in Dutch notation.
    await expect(page.getByTestId('results-overall')).toHaveText('8,0');
    await expect(page.getByRole('listitem').filter({ hasText: 'Tip nummer 4' })).toBeVisible();
    const chart = page.getByRole('img', { name: /Verdeling van de antwoorden: .*8: 3 \(60%\)/ }).first();
    await expect(chart).toBeVisible();
    await expect(page.getByRole('table', { name: 'Verdeling van de antwoorden op: Welk cijfer geef je de zorg van Havenlicht?' }).first()).toBeVisible();
    // A question nobody answered stays withheld.
    await expect(page.getByText('te weinig antwoorden').first()).toBeVisible();
    await participant.expectAccessible();

    // Kiosk only: none of these.
    await page.getByLabel('Manier van invullen').selectOption('kiosk');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect(page.getByTestId('results-count')).toHaveText('0');
    await page.getByLabel('Manier van invullen').selectOption('');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('deo-2026-resultaten.csv');
    const path = await file.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\r\n').filter((l: string) => l.trim()).length).toBe(6);
    expect(cspViolations).toEqual([]);
  });
});

// The sealed kiosk survey tablet-2026: the server hands out only ciphertext, the team's key
// file opens it in the browser. The bodies are sealed here with libsodium itself (not the
// app's code), which also shows the app opens what any libsodium crypto_box_seal makes.

const TEAM_KEY = '../fixtures/demo-keys/survey-team.key';
const ADVISER_KEY = '../fixtures/demo-keys/adviser.key';
const TABLET = 'tablet-2026';

/** A plain tablet-2026 response: a kiosk answer is always anonymous. */
function tabletResponse(n: number, grade: number, heard: number) {
  return {
    schema: 'koers.survey-response/1',
    id: `7ab1e700-0000-4000-8000-00000000000${n}`,
    survey_id: TABLET,
    survey_version: 1,
    // A month no other test uses, so the period filter isolates these responses.
    submitted_at: `2019-06-0${n}T12:00:00+02:00`,
    language: 'nl',
    mode: 'kiosk',
    participant_id: null,
    answers: [
      { question: 'day_grade', value: grade },
      { question: 'felt_heard', value: heard },
      { question: 'feels_safe', value: n !== 2 },
      { question: 'tip', value: `Tablet tip ${n}` },
    ],
  };
}

/** The body the app posts for a sealed survey: readable fields, the whole body sealed. */
async function seal(plain: ReturnType<typeof tabletResponse>, damage = false) {
  await _sodium.ready;
  const sodium = _sodium;
  const recipient = Buffer.from(JSON.parse(readFileSync(TEAM_KEY, 'utf8')).public_key, 'base64');
  const box = Buffer.from(sodium.crypto_box_seal(Buffer.from(JSON.stringify(plain)), recipient));
  // A changed byte of the encrypted body: the inbox cannot tell, opening fails.
  if (damage) box[60] ^= 0x01;
  const { schema, id, survey_id, survey_version, submitted_at, mode } = plain;
  return {
    schema, id, survey_id, survey_version, submitted_at, mode,
    sealed: { alg: 'crypto_box_seal', recipient: recipient.toString('base64'), ciphertext: box.toString('base64') },
  };
}

async function postSealed(request: APIRequestContext, body: object) {
  const res = await request.post('api/v1/inbox/survey-responses', { data: body });
  // Fixed ids, fresh ciphertext each run: against a database that has them already the
  // inbox answers 409 (same id, other body), and the counts stay exact.
  expect([200, 201, 409], await res.text()).toContain(res.status());
}

/** Everything the page keeps in localStorage, sessionStorage and IndexedDB, as one string. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        parts.push(key, storage.getItem(key) ?? '');
      }
    }
    for (const db of (await indexedDB.databases?.()) ?? []) parts.push(`indexeddb:${db.name}`);
    return parts.join('\n');
  });
}

test.describe('results of a sealed survey', () => {
  test('opened in the browser with the team key file; a wrong file is refused; the key is not stored', async ({ participant, page, request, cspViolations }) => {
    const grades: Array<[number, number]> = [[7, 4], [8, 5], [8, 3], [9, 4], [8, 5]];
    for (const [i, [grade, heard]] of grades.entries()) {
      await postSealed(request, await seal(tabletResponse(i + 1, grade, heard)));
    }
    await postSealed(request, await seal(tabletResponse(6, 1, 1), true));
    // Five in July, so that what the June filter leaves out is never 1 to 4 responses,
    // whatever other journeys in this worker sent.
    for (let n = 1; n <= 5; n++) {
      const july = { ...tabletResponse(n, 6, 3), id: `7ab1e700-0000-4000-8000-00000000010${n}`, submitted_at: `2019-07-0${n}T12:00:00+02:00` };
      await postSealed(request, await seal(july));
    }

    await page.goto(`./resultaten/${TABLET}`);
    // A first visit: the page's chunk comes while the service worker stores all the others.
    await expect(page.getByRole('heading', { level: 1, name: 'Resultaten van de vragenlijst' })).toBeVisible({ timeout: 45_000 });
    const keyField = page.getByLabel('Sleutelbestand van het team');
    await expect(keyField).toHaveAttribute('type', 'file');
    await expect(page.getByText('De app stuurt het sleutelbestand nergens heen en bewaart het alleen in het geheugen')).toBeVisible();
    await participant.expectAccessible();

    await page.getByLabel('Code van het team').fill(TOKEN);
    const show = page.getByRole('button', { name: 'Toon resultaten' });
    await show.click();
    await expect(page.getByRole('alert')).toHaveText('Kies het sleutelbestand van het team.');

    // The confidential adviser's key file is a key file, but not this survey's.
    await keyField.setInputFiles(ADVISER_KEY);
    await show.click();
    await expect(page.getByRole('alert')).toHaveText('Dit sleutelbestand hoort niet bij deze vragenlijst.');
    await expect(keyField).toHaveAttribute('aria-invalid', 'true');
    await participant.expectAccessible();
    await keyField.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('geen sleutel') });
    await show.click();
    await expect(page.getByRole('alert')).toHaveText('Dit is geen sleutelbestand. Kies het bestand dat je van de beheerder kreeg.');

    await keyField.setInputFiles(TEAM_KEY);
    await show.click();
    await expect(page.getByTestId('results-count')).toBeVisible();
    await page.getByLabel('Vanaf datum').fill('2019-06-01');
    await page.getByLabel('Tot en met datum').fill('2019-06-30');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect(page.getByTestId('results-count')).toHaveText('5');
    // (7 + 8 + 8 + 9 + 8) / 5 = 8 and (4 + 5 + 3 + 4 + 5) / 5 = 4.2, in Dutch notation.
    await expect(page.getByTestId('results-overall')).toHaveText('8,0');
    const heard = page.getByRole('article', { name: 'De begeleiding luisterde vandaag naar mij.' });
    await expect(heard.getByText('Gemiddelde: 4,2')).toBeVisible();
    await expect(page.getByRole('img', { name: /Verdeling van de antwoorden: Ja: 4 \(80%\), Nee: 1 \(20%\)/ })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Tablet tip 4' })).toBeVisible();
    await expect(page.getByTestId('results-unopened')).toHaveText('Aantal antwoorden dat niet kon worden geopend: 1. Die tellen niet mee.');
    await participant.expectAccessible();

    // The CSV is written in the browser, from what it opened.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${TABLET}-resultaten.csv`);
    const csv = readFileSync(await file.path(), 'utf8');
    const lines = csv.split('\r\n').filter((l: string) => l.trim());
    expect(lines[0]).toBe('id,submitted_at,mode,day_grade,felt_heard,feels_safe,tip');
    expect(lines.length).toBe(6);
    // The day only, no language; the rows are shuffled, so found by content.
    expect(csv).toContain(',2019-06-04,kiosk,9,4,yes,Tablet tip 4');

    // Nothing of the key file was stored by the page.
    const key = JSON.parse(readFileSync(TEAM_KEY, 'utf8'));
    const stored = await storedText(page);
    for (const secret of [key.secret_key, key.public_key, 'koers.secret-key']) expect(stored).not.toContain(secret);

    await page.getByRole('button', { name: 'Sluit resultaten' }).click();
    await expect(page.getByLabel('Sleutelbestand van het team')).toHaveValue('');
    expect(cspViolations).toEqual([]);
  });
});

// Issue #20: the router keeps the page when only the survey id changes.
test('another survey in the address starts the results page afresh', async ({ page }) => {
  await page.goto('./resultaten/deo-2026');
  await page.getByLabel('Code van het team').fill(TOKEN);
  await page.getByRole('button', { name: 'Toon resultaten' }).click();
  await expect(page.getByTestId('results-count')).toBeVisible();
  // A client-side change of address, as the router's own links and Back make it.
  await page.evaluate(() => {
    history.pushState(null, '', new URL('resultaten/tablet-2026', document.baseURI).pathname);
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page).toHaveURL(/\/resultaten\/tablet-2026$/);
  await expect(page.getByTestId('results-count')).toHaveCount(0);
  await expect(page.getByLabel('Code van het team')).toHaveValue('');
});
