import { Page, Request } from '@playwright/test';
import { test, expect, Participant } from './fixtures';
import { countStored, expectStep, next, pick, sendFromReview, storedResponses } from './inbox';

// The satisfaction survey (deo-2026): one question per screen, skip logic, review with
// "Wijzig", sending through the outbox (also offline), and the kiosk.

async function startSurvey(participant: Participant, page: Page) {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await page.goto('./vragenlijst');
  await expect(page.getByRole('heading', { level: 2, name: /Wat vind jij van je zorg/ })).toBeVisible();
}

/** Only the required questions, with "no" to the questions that open follow-ups. */
async function answerRequiredOnly(page: Page, participant?: Participant) {
  const steps: Array<[string | null, number, number]> = [
    ['Mee eens', 1, 16], // info_clear
    [null, 2, 16], // info_sources (optional)
    ['Nee', 3, 16], // goals_known
    ['Mee eens', 4, 16], // mentor_listens
    ['8', 5, 16], // mentor_grade
    ['Nee', 6, 16], // lives_with_us
    ['Neutraal', 7, 16], // rules_clear
    [null, 8, 16], // rules_fair
    [null, 9, 16], // privacy
    ['Goed zo', 10, 16], // contact_amount
    ['Mee eens', 11, 16], // feels_safe
    ['Nee', 12, 16], // had_complaint
    [null, 13, 16], // future_worry
    [null, 14, 16], // future_help
    ['7', 15, 16], // overall
    [null, 16, 16], // tip
  ];
  for (const [answer, current, total] of steps) {
    await expectStep(page, current, total);
    if (answer) await pick(page, answer);
    if (participant && current === 1) await participant.expectAccessible();
    await next(page);
  }
  await expect(page.getByRole('heading', { level: 2, name: 'Kijk je antwoorden na' })).toBeVisible();
}

async function sendAndCapture(page: Page): Promise<any> {
  const posted = page.waitForRequest(
    (r: Request) => r.method() === 'POST' && r.url().includes('/api/v1/inbox/survey-responses'),
  );
  await page.getByRole('button', { name: 'Verstuur je antwoorden' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Bedankt voor het invullen!' })).toBeVisible();
  return (await posted).postDataJSON();
}

test.describe('survey', () => {
  test('personal: every question type, skip logic, resume after reload, review with wijzig, sent once', async ({ participant, page }) => {
    await startSurvey(participant, page);
    await participant.expectAccessible();
    await page.getByRole('button', { name: 'Begin met de vragenlijst' }).click();

    // A required question cannot be skipped.
    await expectStep(page, 1, 16);
    await next(page);
    await expect(page.getByRole('alert')).toContainText('Deze vraag is verplicht');
    await participant.expectAccessible();
    await pick(page, 'Mee eens');
    await next(page);

    // Multiple choice: checkboxes.
    await expectStep(page, 2, 16);
    await page.getByRole('checkbox', { name: 'Deze app' }).check();
    await page.getByRole('checkbox', { name: 'Mijn begeleider' }).check();
    await participant.expectAccessible();
    await next(page);

    // Yes opens two follow-up questions: 16 becomes 18.
    await expectStep(page, 3, 16);
    await pick(page, 'Ja');
    await participant.expectAccessible();
    await next(page);
    await expectStep(page, 4, 18);
    await expect(page.getByRole('group', { name: /Ik heb mijn doelen samen met mijn begeleider gemaakt/ })).toBeVisible();

    // The draft survives a reload, on the same question.
    await page.reload();
    await expectStep(page, 4, 18);
    await pick(page, 'Helemaal mee eens');
    await next(page);

    // Grade: ten big buttons in a radio group.
    await expectStep(page, 5, 18);
    await page.getByRole('group', { name: /Welk cijfer geef je aan hoe het gaat met je doelen/ }).getByRole('radio', { name: '7', exact: true }).check();
    await participant.expectAccessible();
    await next(page);
    await pick(page, 'Mee eens'); // mentor_listens
    await next(page);
    await pick(page, '8'); // mentor_grade
    await next(page);
    await pick(page, 'Nee'); // lives_with_us
    await next(page);
    await pick(page, 'Neutraal'); // rules_clear
    await next(page);
    await next(page); // rules_fair
    await next(page); // privacy
    await expectStep(page, 12, 18);
    await pick(page, 'Goed zo'); // contact_amount: choice
    await participant.expectAccessible();
    await next(page);
    await pick(page, 'Mee eens'); // feels_safe
    await next(page);
    await pick(page, 'Nee'); // had_complaint
    await next(page);
    await next(page); // future_worry
    await next(page); // future_help
    await pick(page, '9'); // overall
    await next(page);

    // Text with a live character count.
    await expectStep(page, 18, 18);
    const tip = page.getByLabel('Wat kunnen we beter doen?');
    await tip.fill('Meer tijd voor gesprekken');
    await expect(page.getByText('25 van 1000 tekens')).toBeVisible();
    await participant.expectAccessible();
    await next(page);

    // Review, change one answer, come straight back.
    await expect(page.getByRole('heading', { level: 2, name: 'Kijk je antwoorden na' })).toBeVisible();
    await expect(page.getByText('Mijn begeleider, Deze app')).toBeVisible();
    await participant.expectAccessible();
    await page.getByRole('button', { name: 'Wijzig je antwoord op: Welk cijfer geef je je begeleider?' }).click();
    await pick(page, '6');
    await next(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Kijk je antwoorden na' })).toBeVisible();

    const body = await sendAndCapture(page);
    expect(body.mode).toBe('personal');
    expect(body.participant_id).toBe('p-1001');
    expect(body.survey_id).toBe('deo-2026');
    const answers = Object.fromEntries(body.answers.map((a: any) => [a.question, a.value]));
    expect(answers).toMatchObject({
      info_clear: 4,
      info_sources: ['mentor', 'app'],
      goals_known: true,
      goals_together: 5,
      goals_grade: 7,
      mentor_grade: 6,
      contact_amount: 'right',
      tip: 'Meer tijd voor gesprekken',
    });
    expect(answers).not.toHaveProperty('housing_grade');
    await expect(page.getByRole('status').filter({ hasText: 'Verstuurd' })).toBeVisible();
    await expect(page.getByText('Je naam staat bij je antwoorden.')).toBeVisible();
    await participant.expectAccessible();
    await expect.poll(() => countStored(body.id)).toBe(1);

    // The draft is gone: the survey starts afresh.
    expect(await page.evaluate(() => localStorage.getItem('koers.survey-draft.deo-2026'))).toBeNull();
    // Sent from this phone: the home screen no longer invites to it.
    await participant.nav('Home').click();
    await expect(page.getByRole('heading', { level: 1, name: /^Hallo / })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Wil je ons vertellen hoe het gaat?' })).toBeHidden();
  });

  test('assisted: filled in with the mentor, with the name', async ({ participant, page }) => {
    await startSurvey(participant, page);
    await page.getByLabel('Ik vul dit in samen met mijn begeleider').check();
    await participant.expectAccessible();
    await page.getByRole('button', { name: 'Begin met de vragenlijst' }).click();
    await answerRequiredOnly(page, participant);
    const body = await sendAndCapture(page);
    expect(body.mode).toBe('assisted');
    expect(body.participant_id).toBe('p-1001');
    expect(body.answers.map((a: any) => a.question)).toEqual([
      'info_clear', 'goals_known', 'mentor_listens', 'mentor_grade', 'lives_with_us',
      'rules_clear', 'contact_amount', 'feels_safe', 'had_complaint', 'overall',
    ]);
    await expect.poll(() => countStored(body.id)).toBe(1);
  });

  test('anonymous: no participant id goes with the answers', async ({ participant, page }) => {
    await startSurvey(participant, page);
    await page.getByLabel('Anoniem invullen').check();
    await page.getByRole('button', { name: 'Begin met de vragenlijst' }).click();
    await answerRequiredOnly(page);
    const body = await sendAndCapture(page);
    expect(body.mode).toBe('personal');
    expect(body.participant_id).toBeNull();
    await expect(page.getByText('Je naam staat niet bij je antwoorden.')).toBeVisible();
    await participant.expectAccessible();
    await expect.poll(() => countStored(body.id)).toBe(1);
    const stored = storedResponses().find((r) => JSON.stringify(r).includes(body.id));
    expect(JSON.stringify(stored)).not.toContain('p-1001');
  });

  test('offline half-way: the answers wait in the outbox, survive a reload and are stored exactly once', async ({ participant, page, context }) => {
    test.setTimeout(120_000);
    await startSurvey(participant, page);
    await page.getByRole('button', { name: 'Begin met de vragenlijst' }).click();
    await pick(page, 'Mee eens');
    await next(page);
    await next(page);
    await context.setOffline(true);
    // The rest of the survey works without a connection.
    await pick(page, 'Nee'); // goals_known
    await next(page);
    for (const answer of ['Mee eens', '8', 'Nee', 'Neutraal', null, null, 'Goed zo', 'Mee eens', 'Nee', null, null, '7', null]) {
      if (answer) await pick(page, answer);
      await next(page);
    }
    await sendFromReview(page);
    await participant.expectAccessible();

    const outbox = async () => JSON.parse((await page.evaluate(() => localStorage.getItem('koers.outbox'))) ?? '{"items":[]}');
    const waiting = (await outbox()).items.filter((i: any) => i.kind === 'survey-responses');
    expect(waiting).toHaveLength(1);
    expect(waiting[0].state).toBe('waiting');
    const id: string = waiting[0].id;
    expect(countStored(id)).toBe(0);

    // Back online, but the inbox is unreachable: the item must survive the reload.
    await page.route('**/api/v1/inbox/**', (route) => route.abort());
    await context.setOffline(false);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(async () => (await outbox()).items.find((i: any) => i.id === id)?.attempts ?? 0).toBeGreaterThan(1);
    expect((await outbox()).items.find((i: any) => i.id === id).state).toBe('waiting');
    expect(countStored(id)).toBe(0);

    // The inbox is back: the outbox sends it, keeps a note without the body, and it is stored once.
    await page.unroute('**/api/v1/inbox/**');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await outbox()).items.find((i: any) => i.id === id)?.state, { timeout: 30_000 }).toBe('sent');
    const sent = (await outbox()).items.find((i: any) => i.id === id);
    expect(sent.body).toBeUndefined();
    expect(countStored(id)).toBe(1);
    // A second flush (start-up after another reload) does not store it again.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(countStored(id)).toBe(1);
  });

  test('kiosk: team PIN, no navigation, idle warning and reset, anonymous answers, PIN to leave', async ({ participant, page }) => {
    await page.clock.install();
    await page.goto('./kiosk/deo-2026');
    await expect(page.getByRole('heading', { level: 2, name: 'Vragenlijst op de tablet' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
    const pin = page.getByLabel('Pincode van het team (4 tot 8 cijfers)');
    await pin.fill('12');
    await page.getByRole('button', { name: 'Start de kioskstand' }).click();
    await expect(page.getByRole('alert')).toContainText('Kies een pincode van 4 tot 8 cijfers.');
    await participant.expectAccessible();
    await pin.fill('2468');
    await page.getByRole('button', { name: 'Start de kioskstand' }).click();

    // Kiosk mode survives a reload (the PIN is kept as a hash for this tab only).
    await expect(page.getByText(/Welkom! Je antwoorden zijn anoniem/)).toBeVisible();
    await page.reload();
    await expect(page.getByText(/Welkom! Je antwoorden zijn anoniem/)).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('koers.kiosk-pin'))).not.toContain('2468');
    await expect(page.getByLabel('Anoniem invullen')).toHaveCount(0);
    await participant.expectAccessible();

    // Someone starts, then walks away: a warning after 1:50, a reset at 2:00.
    await page.getByRole('button', { name: 'Begin met de vragenlijst' }).click();
    await pick(page, 'Mee eens');
    await next(page);
    await expectStep(page, 2, 16);
    await page.clock.fastForward('01:51');
    const dialog = page.getByRole('alertdialog', { name: 'Ben je er nog?' });
    await expect(dialog).toBeVisible();
    await participant.expectAccessible();
    await dialog.getByRole('button', { name: 'Ik ben er nog' }).click();
    await expect(dialog).toHaveCount(0);
    await expectStep(page, 2, 16);
    await page.clock.fastForward('01:51');
    await expect(dialog).toBeVisible();
    await page.clock.fastForward('00:10');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Begin met de vragenlijst' })).toBeVisible();
    await page.getByRole('button', { name: 'Begin met de vragenlijst' }).click();
    await expectStep(page, 1, 16);
    await expect(page.getByRole('radio', { name: 'Mee eens', exact: true })).not.toBeChecked();
    // Nothing of the previous respondent is left in storage either.
    const keys = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
    expect(keys.filter((k) => k.startsWith('koers.survey-draft'))).toEqual([]);

    // The next person fills it in: anonymous, mode kiosk.
    await answerRequiredOnly(page);
    const body = await sendAndCapture(page);
    expect(body.mode).toBe('kiosk');
    expect(body.participant_id).toBeNull();
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
    await participant.expectAccessible();
    await expect.poll(() => countStored(body.id)).toBe(1);
    await page.getByRole('button', { name: 'Klaar voor de volgende persoon' }).click();
    await expect(page.getByRole('button', { name: 'Begin met de vragenlijst' })).toBeVisible();

    // Leaving needs the team PIN.
    await page.getByRole('button', { name: 'Kioskstand stoppen' }).click();
    await page.getByLabel('Pincode van het team', { exact: true }).fill('1111');
    await page.getByRole('button', { name: 'Stoppen', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Deze pincode klopt niet.' })).toBeVisible();
    await participant.expectAccessible();
    await page.getByLabel('Pincode van het team', { exact: true }).fill('2468');
    await page.getByRole('button', { name: 'Stoppen', exact: true }).click();
    await expect(page.getByLabel('Jouw code')).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('koers.kiosk-pin'))).toBeNull();
  });

  // Issue #20: the router keeps the page when only the survey id changes.
  test('kiosk: another survey in the address shows that survey', async ({ page }) => {
    await page.goto('./kiosk/deo-2026');
    await page.getByLabel('Pincode van het team (4 tot 8 cijfers)').fill('2468');
    await page.getByRole('button', { name: 'Start de kioskstand' }).click();
    await expect(page.getByText(/Wat vind jij van je zorg/).first()).toBeVisible();
    await page.evaluate(() => {
      history.pushState(null, '', new URL('kiosk/tablet-2026', document.baseURI).pathname);
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect(page.getByText(/Hoe was het vandaag/).first()).toBeVisible();
    await expect(page.getByText(/Wat vind jij van je zorg/)).toHaveCount(0);
  });
});
