import { test, expect, serveDossier } from './fixtures';

const WEEKDAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];
const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** The Dutch calendar day `offset` days from today, as the dossier writes it and as home shows it ("za 28 nov"). */
function dutchDay(offset: number) {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' })
    .format(new Date(Date.now()))
    .split('-')
    .map(Number);
  const day = new Date(Date.UTC(y, m - 1, d + offset));
  const iso = day.toISOString().slice(0, 10);
  let words = `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}`;
  if (day.getUTCFullYear() !== y) words += ` ${day.getUTCFullYear()}`;
  return { iso, words };
}

test('home lists an upcoming review under "binnenkort" and says a passed one in words', async ({ participant, page, context }) => {
  const passed = dutchDay(-3);
  const upcoming = dutchDay(5);
  await serveDossier(context, {
    schema: 'koers.dossier/1',
    participant: { id: 'p-dates', first_name: 'Sam', preferred_language: 'nl' },
    team: [{ id: 't1', role: 'mentor', name: 'Lotte', phone: '+31612345621' }],
    agreements: [
      { id: 'a1', title: 'Sanne belt binnen één werkdag terug', owner: 'care', kind: 'agreement', status: 'active', review_on: passed.iso },
      { id: 'a2', title: 'Elke week bellen', owner: 'participant', kind: 'agreement', status: 'active', review_on: upcoming.iso },
    ],
    appointments: [],
  });
  await participant.signIn('demo-0001');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sam');

  const soon = page.getByRole('region', { name: /Deze afspraken worden binnenkort besproken/ });
  await expect(soon.getByRole('heading', { level: 2 })).toHaveText(/Deze afspraken worden binnenkort besproken/);
  await expect(soon.getByRole('listitem')).toHaveCount(1);
  await expect(soon.getByRole('listitem')).toHaveText(`Elke week bellen — Bespreken op ${upcoming.words}`);
  await expect(soon).not.toContainText('Sanne belt');

  const gone = page.getByRole('region', { name: /De datum om deze afspraken te bespreken is voorbij/ });
  await expect(gone.getByRole('heading', { level: 2 })).toHaveText(/De datum om deze afspraken te bespreken is voorbij/);
  await expect(gone.getByRole('listitem')).toHaveCount(1);
  await expect(gone.getByRole('listitem')).toHaveText(
    `Sanne belt binnen één werkdag terug: dit zou op ${passed.words} besproken worden. Vraag je begeleider ernaar.`,
  );
  await expect(gone.locator('bdi')).toHaveText('Sanne belt binnen één werkdag terug');
  await expect(gone).not.toContainText('Bespreken op');

  await participant.expectAccessible();
});
