import type { BrowserContext, Page } from '@playwright/test';
import { expect, Participant, serveDossier, test } from './fixtures';
import { stored } from './inbox';
import { execFileSync } from 'node:child_process';
import { SERVER, writeProof } from './server';

/** The demo care team's key file (tests/fixtures/demo-keys). */
const CARE_TEAM_KEY = '../fixtures/demo-keys/care-team.key';

// Issue #18: only the participant writes as the participant. The app sends the write proof
// of the code it was signed in with. This tab keeps it (a reload keeps it, closing the tab
// does not; behind the PIN when one is set); without it a write in the participant's name
// waits, says so, and goes once the code is typed again or at the next sign-in.

const CODE = 'demo-0001';

/** Signs in, confirms an agreement while the inbox cannot be reached (it waits in the
 *  outbox), and returns how many confirmations the server had before. */
async function confirmWhileInboxDown(participant: Participant, page: Page, context: BrowserContext): Promise<number> {
  await participant.signIn(CODE);
  await participant.nav('Afspraken').click();
  const button = page.getByRole('button', { name: 'Ik heb dit gelezen' }).first();
  await expect(button).toBeVisible();
  const before = stored('acknowledgements').length;
  await context.route('**/api/v1/inbox/**', (route) => route.abort());
  await button.click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('koers.outbox') ?? '')).toContain('acknowledgements');
  return before;
}

test('a confirmation carries the write proof and is stored; the proof stays with the tab', async ({ participant, page }) => {
  await participant.signIn(CODE);
  await participant.nav('Afspraken').click();
  const button = page.getByRole('button', { name: 'Ik heb dit gelezen' }).first();
  await expect(button).toBeVisible();
  const request = page.waitForRequest('**/api/v1/inbox/acknowledgements');
  const response = page.waitForResponse('**/api/v1/inbox/acknowledgements');
  await button.click();
  const sent = await request;
  expect(sent.headers()['authorization']).toBe(`Koers-Write ${writeProof(CODE)}`);
  expect((await response).status()).toBe(201);
  // Other journeys of this worker share the database: this one is found by its id.
  const id = sent.postDataJSON().id;
  const acks = stored('acknowledgements').filter((a) => a.id === id);
  expect(acks).toHaveLength(1);
  expect(acks[0].participant_id).toBe('p-1001');
  // Never the code; the proof only in this tab's sessionStorage, and gone at sign-out.
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  const tab = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(local).not.toContain(writeProof(CODE));
  expect((local + tab).toUpperCase()).not.toContain('DEMO0001');
  expect(tab).toContain(writeProof(CODE));
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Jouw code')).toBeVisible();
  const after = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(after).not.toContain(writeProof(CODE));
});

test('a forged write in a participant’s name is refused by the server', async ({ page }) => {
  const forged = await page.request.post('api/v1/inbox/acknowledgements', {
    data: {
      schema: 'koers.acknowledgement/1', id: '6f1c1f55-4a0e-4d51-9d6a-3a0c8f6d2b10', participant_id: 'p-1001',
      agreement_id: 'a-01', agreement_version: 1, acknowledged_at: '2026-11-20T10:00:00+01:00',
    },
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe('not_yours');
  expect(stored('acknowledgements').filter((a) => a.id === '6f1c1f55-4a0e-4d51-9d6a-3a0c8f6d2b10')).toHaveLength(0);
});

test('a confirmation written before the tab was closed goes with the next sign-in', async ({ participant, page, context }) => {
  const before = await confirmWhileInboxDown(participant, page, context);
  // A reload keeps the proof for this tab.
  await page.reload();
  await context.unroute('**/api/v1/inbox/**');
  const sent = page.waitForResponse('**/api/v1/inbox/acknowledgements');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  expect((await sent).status()).toBe(201);
  await expect.poll(() => stored('acknowledgements').length).toBe(before + 1);
  // Closed with another one waiting: a new tab has no proof and no session; the next
  // sign-in sends it.
  await participant.nav('Afspraken').click();
  await context.route('**/api/v1/inbox/**', (route) => route.abort());
  await page.getByRole('button', { name: 'Ik heb dit gelezen' }).first().click();
  await expect.poll(() => page.evaluate(() => (localStorage.getItem('koers.outbox') ?? '').split('waiting').length)).toBeGreaterThan(1);
  await page.close();
  await context.unroute('**/api/v1/inbox/**');
  const again = await context.newPage();
  const person = new Participant(again);
  const next = again.waitForResponse('**/api/v1/inbox/acknowledgements');
  await person.signIn(CODE);
  expect((await next).status()).toBe(201);
  await expect.poll(() => stored('acknowledgements').length).toBe(before + 2);
});

test('signed in without the proof, a confirmation waits for the code, and is sent once when it is typed again', async ({ participant, page, context }) => {
  const before = await confirmWhileInboxDown(participant, page, context);
  // As after a lock opened by an earlier version that kept no proof.
  await page.evaluate(() => sessionStorage.removeItem('koers.write-proof'));
  await page.reload();
  await context.unroute('**/api/v1/inbox/**');
  const ask = page.locator('form.outbox-needs-code');
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Vul je code opnieuw in');
  await participant.expectAccessible();
  expect(stored('acknowledgements').length).toBe(before);
  // Another code is refused, clearly.
  await ask.getByLabel('Jouw code').fill('DEMO-0002');
  await ask.getByRole('button', { name: 'Versturen' }).click();
  await expect(ask.getByRole('alert')).toContainText('niet jouw code');
  // The right code: it goes, once.
  const response = page.waitForResponse('**/api/v1/inbox/acknowledgements');
  await ask.getByLabel('Jouw code').fill(CODE);
  await ask.getByRole('button', { name: 'Versturen' }).click();
  expect((await response).status()).toBe(201);
  await expect(ask).toBeHidden();
  await expect.poll(() => stored('acknowledgements').length).toBe(before + 1);
});

// Issue #18: a goal reflection may hold health text. A dossier that names its care team's
// key (`team_public_key`; the sealed demo DEMO-0004 does) has it sealed on the phone, so the
// outbox and the server hold only ciphertext, and the team's key file opens it.
test('a goal reflection leaves the phone sealed to the care team, who read it with their key', async ({ participant, page, context }) => {
  // The sealed sign-in runs Argon2id at the production cost.
  test.setTimeout(120_000);
  await participant.signIn('DEMO-0004');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible({ timeout: 60_000 });
  await participant.nav('Doelen').click();
  await page.getByRole('link', { name: /Ik werk 3 dagen per week/ }).first().click();
  await expect(page.getByText('Alleen je zorgteam kan het openen.')).toBeVisible();
  await participant.expectAccessible();

  const words = 'Ik slaap slecht door de nieuwe medicijnen.';
  await context.setOffline(true);
  await page.getByRole('group', { name: 'Geef een cijfer van 1 tot 10' }).getByRole('radio', { name: '4', exact: true }).check();
  await page.getByLabel('Vertel in een paar woorden').fill(words);
  await page.getByRole('button', { name: 'Verstuur naar mijn begeleider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Wacht op versturen' })).toBeVisible();
  // Waiting on the phone, it is already ciphertext.
  const outbox = await page.evaluate(() => localStorage.getItem('koers.outbox') ?? '');
  expect(outbox).toContain('goal-reflections');
  expect(outbox).not.toContain('slaap');

  const request = page.waitForRequest('**/api/v1/inbox/goal-reflections');
  await context.setOffline(false);
  const sent = await request;
  expect(sent.headers()['authorization']).toBe(`Koers-Write ${writeProof('DEMO-0004')}`);
  const body = sent.postDataJSON();
  expect(Object.keys(body).sort()).toEqual(['id', 'schema', 'sealed', 'written_at']);
  await expect(page.getByRole('status').filter({ hasText: 'Verstuurd. Je begeleider leest het.' })).toBeVisible();

  const kept = stored('goal-reflections').filter((r) => r.id === body.id);
  expect(kept).toHaveLength(1);
  expect(JSON.stringify(kept[0])).not.toContain('slaap');
  const opened = execFileSync(SERVER, ['export', '--database', process.env.KOERS_DB!, '--kind', 'goal-reflections', '--key', CARE_TEAM_KEY], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .filter((r) => r.id === body.id);
  expect(opened).toHaveLength(1);
  expect(opened[0]).toMatchObject({ text: words, rating: 4, participant_id: 'p-1004', writer_check: 'confirmed' });
});

test('a team key that is not a key offers no reflection form: nothing goes in plain text', async ({ participant, page, context }) => {
  await serveDossier(context, {
    schema: 'koers.dossier/1',
    participant: { id: 'p-1001', first_name: 'Noor' },
    team_public_key: 'bm90IGEga2V5',
    goals: [{ id: 'g1', title: 'Elke dag wandelen', domain: 'health', status: 'active' }],
  });
  await participant.signIn(CODE);
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Noor' })).toBeVisible();
  await participant.nav('Doelen').click();
  await page.getByRole('link', { name: /Elke dag wandelen/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Hoe gaat het met dit doel?' })).toBeVisible();
  await expect(page.getByRole('note')).toHaveText('We kunnen je antwoorden nu niet veilig versturen. Er is niets verstuurd. Vraag je begeleider om hulp.');
  await expect(page.getByRole('button', { name: 'Verstuur naar mijn begeleider' })).toHaveCount(0);
  await expect(page.getByLabel('Vertel in een paar woorden')).toHaveCount(0);
  await participant.expectAccessible();
});
