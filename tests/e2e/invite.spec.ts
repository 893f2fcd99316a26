import { test, expect } from './fixtures';

// The home screen invites to the active survey (config.json), so nobody has to find it among
// the settings; "Later" puts it off, and it is gone once this phone sent the survey
// (survey.spec.ts checks that part after sending).

test('the home screen invites to the survey, and Later puts it off', async ({ page, participant }) => {
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  const invite = page.getByRole('region', { name: 'Wil je ons vertellen hoe het gaat?' });
  await expect(invite).toBeVisible();
  await expect(invite.getByText('Het duurt ongeveer 5 minuten.')).toBeVisible();
  await participant.expectAccessible();
  await invite.getByRole('link', { name: 'Vul de vragenlijst in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vragenlijst' })).toBeVisible();
  await page.goBack();
  await page.getByRole('region', { name: 'Wil je ons vertellen hoe het gaat?' }).getByRole('button', { name: 'Later' }).click();
  await expect(page.getByRole('region', { name: 'Wil je ons vertellen hoe het gaat?' })).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wil je ons vertellen hoe het gaat?' })).toBeHidden();
});

test('no invitation when the config has no active survey', async ({ page, context, participant }) => {
  await context.route('**/api/v1/config.json', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    config.active_survey = null;
    await route.fulfill({ response, json: config });
  });
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wil je ons vertellen hoe het gaat?' })).toBeHidden();
});
