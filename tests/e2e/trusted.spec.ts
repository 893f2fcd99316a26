import { expect, test } from './fixtures';
import { stored } from './inbox';
import { writeProof } from './server';

// Issue #18: only the participant writes as the participant. The app sends the write proof
// of the code it was signed in with; after a reload without a PIN it no longer has it, so a
// write in the participant's name waits, says so, and goes once the code is typed again.

const CODE = 'demo-0001';

test('a confirmation carries the write proof and is stored; the proof is kept nowhere', async ({ participant, page }) => {
  await participant.signIn(CODE);
  await participant.nav('Afspraken').click();
  const button = page.getByRole('button', { name: 'Ik heb dit gelezen' }).first();
  await expect(button).toBeVisible();
  const request = page.waitForRequest('**/api/v1/inbox/acknowledgements');
  const response = page.waitForResponse('**/api/v1/inbox/acknowledgements');
  await button.click();
  expect((await request).headers()['authorization']).toBe(`Koers-Write ${writeProof(CODE)}`);
  expect((await response).status()).toBe(201);
  const acks = stored('acknowledgements').filter((a) => a.participant_id === 'p-1001');
  expect(acks).toHaveLength(1);
  // Neither the proof nor the code is written to any storage of the browser.
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(kept).not.toContain(writeProof(CODE));
  expect(kept.toUpperCase()).not.toContain('DEMO0001');
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

test('after a reload a confirmation waits for the code, and is sent once when it is typed again', async ({ participant, page, context }) => {
  await participant.signIn(CODE);
  await participant.nav('Afspraken').click();
  const button = page.getByRole('button', { name: 'Ik heb dit gelezen' }).first();
  await expect(button).toBeVisible();
  const before = stored('acknowledgements').length;
  // The inbox cannot be reached: the confirmation waits in the outbox.
  await context.route('**/api/v1/inbox/**', (route) => route.abort());
  await button.click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('koers.outbox') ?? '')).toContain('acknowledgements');
  await page.reload();
  await context.unroute('**/api/v1/inbox/**');
  // The tab forgot the proof (no PIN): nothing goes, and the app says why.
  const ask = page.locator('form.outbox-needs-code');
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Vul je code opnieuw in');
  await participant.expectAccessible();
  expect(stored('acknowledgements').length).toBe(before);
  // Another code is refused, clearly.
  await ask.getByLabel('Jouw code').fill('DEMO-0002');
  await ask.getByRole('button', { name: 'Versturen' }).click();
  await expect(ask.getByRole('alert')).toContainText('niet de code');
  // The right code: it goes, once.
  const response = page.waitForResponse('**/api/v1/inbox/acknowledgements');
  await ask.getByLabel('Jouw code').fill(CODE);
  await ask.getByRole('button', { name: 'Versturen' }).click();
  expect((await response).status()).toBe(201);
  await expect(ask).toBeHidden();
  await expect.poll(() => stored('acknowledgements').length).toBe(before + 1);
});
