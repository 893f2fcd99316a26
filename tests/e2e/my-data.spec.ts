import { readFileSync } from 'node:fs';
import { test, expect, serveDossier } from './fixtures';

// Issue #22 "Take your dossier with you": Settings → Mijn gegevens shows everything Koers shows
// on one page, prints it with the browser's own print, and downloads the file itself as JSON
// (opened from its envelope when it is sealed), with a warning that the file is not protected.

/** A dossier of its own, so the page is checked against data the demo does not have. */
const DOSSIER = {
  schema: 'koers.dossier/1',
  generated_at: '2026-11-30T09:00:00+01:00',
  participant: { id: 'p-data', first_name: 'Samira', care_type: 'beschermd_wonen', location: 'Huis De Linde', care_start: '2026-01-05', legal_framework: 'Voorwaardelijke invrijheidstelling' },
  team: [{ id: 't1', name: 'يوسف العلي', role: 'mentor', organisation: 'Stichting Voorbeeld', phone: '030 123 4567', available: { nl: 'ma–vr 9–17' } }],
  agreements: [
    { id: 'a1', title: 'Ik ben om 23:00 thuis', owner: 'participant', kind: 'house_rule', status: 'active', version: 2, changes: { nl: 'Eerst was het 22:00.' }, acknowledged_version: 1, agreed_on: '2026-02-01' },
    { id: 'a2', title: 'Geen contact met de buurman', owner: 'probation', kind: 'condition', status: 'ended' },
  ],
  goals: [{
    id: 'g1', title: 'Een eigen kamer vinden', domain: 'housing', status: 'active', progress: 40,
    smart: { specific: 'Ik wil een kamer in Utrecht.', time_bound: '2027-03-01' },
    steps: [{ id: 's1', text: 'Inschrijven bij de woningbouw', done: true, done_on: '2026-10-01' }, { id: 's2', text: 'Elke week zoeken', done: false }],
    updates: [{ date: '2026-11-20', author: 'Lotte', text: 'Samira zoekt elke week.' }],
  }],
  appointments: [
    { id: 'm2', title: 'Gesprek met de reclassering', kind: 'probation', start: '2026-12-10T10:00:00+01:00', end: '2026-12-10T11:00:00+01:00', location: { name: 'Kantoor', address: 'Stationsplein 1, Utrecht' } },
    { id: 'm1', title: 'Tandarts', kind: 'medical', start: '2026-06-02T14:00:00+02:00', status: 'cancelled' },
  ],
  signal_plan: { updated_on: '2026-09-01', phases: [{ level: 'orange', signals: ['Ik slaap slecht'], my_actions: ['Ik bel Lotte'], support_actions: [] }] },
};

test.describe('Mijn gegevens', () => {
  test('the whole dossier on one page, reached from Settings, with no axe-core violations', async ({ participant, page, context }) => {
    await serveDossier(context, DOSSIER);
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Samira' })).toBeVisible();
    await page.goto('./instellingen');
    await page.getByRole('link', { name: 'Mijn gegevens bekijken en meenemen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
    for (const part of ['Over jou', 'Afspraken', 'Doelen', 'Agenda', 'Signaleringsplan', 'Mijn team']) {
      await expect(page.getByRole('heading', { level: 2, name: part, exact: true })).toBeVisible();
    }
    const about = page.getByRole('region', { name: 'Over jou' });
    await expect(about).toContainText('Samira');
    await expect(about).toContainText('Beschermd wonen');
    await expect(about).toContainText('5 januari 2026');
    // Ended agreements and what changed are there too, not only what is in force now.
    const agreements = page.getByRole('region', { name: 'Afspraken' });
    await expect(agreements.getByRole('heading', { level: 3, name: 'Geen contact met de buurman' })).toBeVisible();
    await expect(agreements).toContainText('Vervallen: dit geldt niet meer.');
    await expect(agreements).toContainText('Versie 2');
    await expect(agreements).toContainText('Eerst was het 22:00.');
    await expect(agreements).toContainText('Je hebt versie 1 gelezen.');
    const goals = page.getByRole('region', { name: 'Doelen' });
    await expect(goals).toContainText('Gedaan: Inschrijven bij de woningbouw');
    await expect(goals).toContainText('Nog doen: Elke week zoeken');
    await expect(goals).toContainText('Samira zoekt elke week.');
    await expect(goals).toContainText('Ik wil een kamer in Utrecht.');
    // The agenda in time order, the past and the cancelled included.
    const agenda = page.getByRole('region', { name: 'Agenda' });
    await expect(agenda.getByRole('heading', { level: 3 })).toHaveText(['Tandarts', 'Gesprek met de reclassering']);
    await expect(agenda).toContainText('Gaat niet door');
    await expect(agenda).toContainText('Stationsplein 1, Utrecht');
    await expect(page.getByRole('region', { name: /Signaleringsplan/ })).toContainText('Ik bel Lotte');
    const team = page.getByRole('region', { name: 'Mijn team' });
    await expect(team).toContainText('يوسف العلي');
    await expect(team).toContainText('030 123 4567');
    await expect(page.getByText('Deze gegevens zijn van 30 november 2026')).toBeVisible();
    await participant.expectAccessible();
  });

  test('print uses the browser\'s print, and on paper only the dossier is left', async ({ participant, page, context }) => {
    await context.addInitScript(() => {
      (window as any).printed = 0;
      window.print = () => { (window as any).printed += 1; };
    });
    await serveDossier(context, DOSSIER);
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Samira' })).toBeVisible();
    await page.goto('./mijn-gegevens');
    await page.getByRole('button', { name: 'Printen of bewaren als PDF' }).click();
    expect(await page.evaluate(() => (window as any).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Een eigen kamer vinden' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Printen of bewaren als PDF' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Download mijn gegevens' })).toBeHidden();
  });

  test('download gives the file itself as JSON, after a warning that it is not protected', async ({ participant, page, context }) => {
    const served = { ...DOSSIER, ecd_field_the_app_does_not_know: { kept: true } };
    await serveDossier(context, served);
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Samira' })).toBeVisible();
    await page.goto('./mijn-gegevens');
    const button = page.getByRole('button', { name: 'Download mijn gegevens' });
    await expect(button).toHaveAccessibleDescription(/niet beschermd met je code of je pincode/);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-\d{4}-\d\d-\d\d\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    // Every field of the file, also one this app does not show.
    expect(file).toEqual(served);
    await expect(page.getByRole('status').filter({ hasText: 'Het bestand staat bij je downloads.' })).toBeVisible();
  });

  test('a sealed dossier downloads opened: the dossier inside, not the envelope', async ({ participant, page }) => {
    await participant.signIn('DEMO-0004');
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole('heading', { level: 1, name: /^Hallo / })).toBeVisible();
    // In the app, not by a reload: the key of a sealed dossier lives in memory only.
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('link', { name: 'Mijn gegevens bekijken en meenemen' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download mijn gegevens' }).click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(text);
    expect(file.schema).toBe('koers.dossier/1');
    expect(text).not.toContain('koers.sealed');
    const name = await page.getByRole('region', { name: 'Over jou' }).locator('dd').first().innerText();
    expect(file.participant.first_name).toBe(name);
  });

  // Offline, the service worker's stored copy is downloaded (network first, then the copy);
  // a file the server no longer has is an error the participant can read.
  test('a file that is gone: a clear error, and the page stays', async ({ participant, page, context }) => {
    await serveDossier(context, DOSSIER);
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Samira' })).toBeVisible();
    await page.goto('./mijn-gegevens');
    await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
    await context.unroute('**/api/v1/dossiers/*.json');
    await context.route('**/api/v1/dossiers/*.json', (route) => route.fulfill({ status: 404, body: '' }));
    await page.getByRole('button', { name: 'Download mijn gegevens' }).click();
    await expect(page.getByRole('alert')).toContainText('Deze gegevens zijn niet gevonden.');
    await expect(page.getByRole('heading', { level: 3, name: 'Een eigen kamer vinden' })).toBeVisible();
  });
  // Every language, both directions, 200 % text: a11y.spec.ts has this page in its PAGES.
});
