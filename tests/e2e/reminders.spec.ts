// Never miss an appointment (issue #22): the agenda export carries reminders (VALARM) as chosen
// in Settings, probation and court always both; after the agenda changes, home offers to put
// it in the phone's agenda again. The .ics is read as a phone would get it: the download.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, serveDossier } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

/** A moment `days` from now at a whole hour, as RFC 3339 in UTC. */
function inDays(days: number, hour = 10): string {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace('.000Z', 'Z');
}

function dossier() {
  const appointments: Array<Record<string, unknown>> = [
    { id: 'koffie', title: 'Koffie met Sanne', kind: 'mentor', start: inDays(3), with: 't1' },
    {
      id: 'reclassering',
      title: 'Gesprek reclassering',
      kind: 'probation',
      start: inDays(4, 13),
      location: { name: 'Reclassering', address: 'Stationsplein 1, Utrecht' },
    },
  ];
  return {
    schema: 'koers.dossier/1',
    participant: { id: 'p-remind', first_name: 'Sam', preferred_language: 'nl' },
    team: [{ id: 't1', role: 'mentor', name: 'Sanne de Vries' }],
    appointments,
  };
}

type Event = { uid: string; cancelled: boolean; triggers: string[] };

/** Taps `button` and reads the .ics it saves: each event's UID and its reminders' TRIGGERs. */
async function exportIcs(page: Page, button: string): Promise<Event[]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.ics$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  return text
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .map((event) => ({
      uid: /^UID:(.*)$/m.exec(event)![1].trim(),
      cancelled: /^STATUS:CANCELLED\r?$/m.test(event),
      triggers: [...event.matchAll(/^TRIGGER[^:]*:(.*)$/gm)].map((m) => m[1].trim()),
    }));
}

/** A `TRIGGER;VALUE=DATE-TIME:20261202T180000Z` as Dutch clock time. */
function dutchTime(stamp: string): string {
  const iso = stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
  return new Date(iso).toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
}

test('the reminders chosen in Settings are in the export; probation always gets both', async ({ participant, page, context }) => {
  await serveDossier(context, dossier());
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { name: 'Hallo Sam' })).toBeVisible();

  await participant.nav('Agenda').click();
  await expect(page.getByText('Herinnering in je telefoon: Allebei')).toBeVisible();
  let events = await exportIcs(page, 'Zet alles in de agenda van je telefoon');
  const koffie = events.find((e) => e.uid === 'koffie@koers')!;
  // The evening before at 19:00, and 1 hour before: no address is known.
  expect(koffie.triggers).toHaveLength(2);
  expect(dutchTime(koffie.triggers[0])).toBe('19:00');
  expect(koffie.triggers[1]).toBe('-PT1H');
  expect(events.find((e) => e.uid === 'reclassering@koers')!.triggers[1]).toBe('-PT2H');

  // Settings: the choice, and why probation and court do not follow it.
  await page.getByRole('link', { name: 'Verander de herinnering' }).click();
  const choices = page.getByRole('group', { name: /Dan laat je telefoon je op tijd iets weten/ });
  await expect(choices.getByLabel('Allebei')).toBeChecked();
  await choices.getByLabel('Geen herinnering').check();
  await expect(page.getByText('Bij de reclassering en de rechtbank krijg je altijd allebei.', { exact: false })).toBeVisible();
  await participant.expectAccessible();
  await page.reload();
  await expect(page.getByRole('group', { name: /Dan laat je telefoon je op tijd iets weten/ }).getByLabel('Geen herinnering')).toBeChecked();

  await participant.nav('Agenda').click();
  await expect(page.getByText('Herinnering in je telefoon: Geen herinnering')).toBeVisible();
  const probation = page.getByRole('article').filter({ hasText: 'Gesprek reclassering' });
  await expect(probation.getByText('Dit mag je niet missen. Daarom krijg je altijd 2 herinneringen in je telefoon.')).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: 'Koffie met Sanne' }).getByText('Dit mag je niet missen')).toHaveCount(0);
  await participant.expectAccessible();
  events = await exportIcs(page, 'Zet alles in de agenda van je telefoon');
  expect(events.find((e) => e.uid === 'koffie@koers')!.triggers).toEqual([]);
  const reclassering = events.find((e) => e.uid === 'reclassering@koers')!;
  expect(reclassering.triggers).toHaveLength(2);
  expect(dutchTime(reclassering.triggers[0])).toBe('19:00');

  // One appointment on its own gets the same rule.
  const single = await (async () => {
    const download = page.waitForEvent('download');
    await probation.getByRole('button', { name: 'Zet in de agenda van je telefoon' }).click();
    return readFileSync(await (await download).path(), 'utf8');
  })();
  expect(single.match(/BEGIN:VALARM/g)).toHaveLength(2);
});

test('after the agenda changes, home offers to put it in the phone again', async ({ participant, page, context }) => {
  const served = dossier();
  await serveDossier(context, served);
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { name: 'Hallo Sam' })).toBeVisible();
  const changed = page.getByRole('heading', { name: 'Je agenda is veranderd sinds je hem in je telefoon zette' });
  // Never exported: nothing to say.
  await expect(changed).toHaveCount(0);

  await participant.nav('Agenda').click();
  await exportIcs(page, 'Zet alles in de agenda van je telefoon');
  await participant.nav('Home').click();
  await expect(page.getByRole('heading', { name: 'Hallo Sam' })).toBeVisible();
  await expect(changed).toHaveCount(0);

  // The mentor moves the coffee an hour, cancels probation by removing it, and adds one.
  served.appointments[0].start = inDays(3, 11);
  served.appointments.splice(1, 1);
  served.appointments.push({ id: 'werk', title: 'Eerste werkdag', kind: 'day_activity', start: inDays(6, 8) });
  await page.reload();
  await expect(changed).toBeVisible();
  await participant.expectAccessible();

  const events = await exportIcs(page, 'Opnieuw in mijn agenda zetten');
  expect(events.map((e) => e.uid).sort()).toEqual(['koffie@koers', 'reclassering@koers', 'werk@koers']);
  // What is gone from the dossier goes as cancelled, so the phone's agenda drops it.
  expect(events.find((e) => e.uid === 'reclassering@koers')!.cancelled).toBe(true);
  expect(events.find((e) => e.uid === 'koffie@koers')!.cancelled).toBe(false);
  await expect(changed).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hallo Sam' })).toBeVisible();
  await expect(changed).toHaveCount(0);
});
