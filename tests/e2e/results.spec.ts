import { readFileSync } from 'node:fs';
import { APIRequestContext } from '@playwright/test';
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

  test('counts, too few answers, averages from five, filter and CSV', async ({ participant, page, request, cspViolations }) => {
    await submit(request, [[1, 7], [2, 8], [3, 8]]);
    await page.goto('./resultaten/deo-2026');
    await page.getByLabel('Code van het team').fill(TOKEN);
    await page.getByRole('button', { name: 'Toon resultaten' }).click();
    await expect(page.getByTestId('results-count')).toBeVisible();

    // Only this test's month.
    await page.getByLabel('Vanaf datum').fill('2020-03-01');
    await page.getByLabel('Tot en met datum').fill('2020-03-31');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect(page.getByTestId('results-count')).toHaveText('3');
    await expect(page.getByTestId('results-overall')).toHaveText('te weinig antwoorden');
    await expect(page.getByText('Tip nummer 1')).toHaveCount(0);
    await participant.expectAccessible();

    await submit(request, [[4, 9], [5, 8]]);
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect(page.getByTestId('results-count')).toHaveText('5');
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
