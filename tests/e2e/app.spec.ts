import { test, expect, serveDossier } from './fixtures';

test.describe('sign-in', () => {
  test('a demo code opens the home screen with the first name and the next appointment', async ({ participant, page, cspViolations }) => {
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
    const next = page.getByRole('region', { name: 'Als volgende in je agenda' });
    await expect(next.locator('.when')).toHaveText(/^(vandaag|morgen|(ma|di|wo|do|vr|za|zo) \d+ \w+) \d\d:\d\d$/);
    await participant.expectAccessible();
    expect(cspViolations).toEqual([]);
  });

  test('case, spaces and dashes in the code do not matter; the preferred language follows', async ({ participant, page }) => {
    await participant.signIn('  Demo 0002 ');
    // Khalid prefers Arabic: the app switches, right to left, and keeps it after a reload.
    await expect(page.getByRole('heading', { level: 1, name: /^مرحبًا / })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: /^مرحبًا / })).toBeVisible();
  });

  test('a wrong code is announced as an alert and nothing else happens', async ({ participant, page }) => {
    await participant.signIn('NIET-BESTAAND-1');
    await expect(page.getByRole('alert')).toContainText('Deze code kennen we niet');
    await expect(page).toHaveURL(/\/$/);
    await participant.expectAccessible();
  });

  test('the demo codes are listed and fill in the code', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Gebruik code DEMO-0003' }).click();
    await expect(page.getByLabel('Jouw code')).toHaveValue('DEMO-0003');
  });

  test('the access code never appears in a request URL', async ({ participant, page }) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
    expect(urls.filter((u) => /demo-?0001/i.test(u))).toEqual([]);
    expect(urls.some((u) => u.includes('/api/v1/dossiers/fa411942d9f251f11487f82c89b35d55.json'))).toBe(true);
  });
});

test.describe('navigation', () => {
  test('each tab opens its page', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
    for (const [tab, heading] of [
      ['Afspraken', 'Afspraken'],
      ['Doelen', 'Doelen'],
      ['Agenda', 'Agenda'],
      ['Contact', 'Contact'],
      ['Home', 'Hallo Tarik'],
    ]) {
      await participant.nav(tab).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(participant.nav(tab)).toHaveAttribute('aria-current', 'page');
    }
  });

  test('every page has no axe-core violations', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
    for (const path of ['afspraken', 'doelen', 'agenda', 'contact', 'instellingen', 'team', 'signalen', 'vragenlijst', 'bestaat-niet']) {
      await page.goto(`./${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await participant.expectAccessible();
    }
    await page.goto('./doelen');
    await page.getByRole('link', { name: /Ik werk 3 dagen per week/ }).first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Wat wil ik bereiken?' })).toBeVisible();
    await participant.expectAccessible();
  });

  // Issue #20: the router keeps the page when only the goal id changes.
  test('another goal in the address shows that goal', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
    await page.goto('./doelen');
    const goals = page.getByRole('main').getByRole('heading', { level: 3 }).getByRole('link');
    await expect(goals.nth(1)).toBeVisible();
    const [first, second] = [(await goals.nth(0).innerText()).trim(), (await goals.nth(1).innerText()).trim()];
    const secondHref = await goals.nth(1).getAttribute('href');
    await goals.nth(0).click();
    await expect(page.getByRole('heading', { level: 1, name: first })).toBeVisible();
    await page.evaluate((href) => {
      history.pushState(null, '', href!);
      dispatchEvent(new PopStateEvent('popstate'));
    }, secondHref);
    await expect(page.getByRole('heading', { level: 1, name: second })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: first })).toHaveCount(0);
  });

  test('help with 112 and the crisis line is two taps away on every screen', async ({ participant, page }) => {
    for (const path of ['./', './contact']) {
      await page.goto(path);
      await page.getByRole('button', { name: 'Hulp nodig?' }).click();
      await expect(page.getByRole('link', { name: 'Bel 112' }).first()).toHaveAttribute('href', 'tel:112');
    }
    await participant.signIn('demo-0001');
    await page.getByRole('button', { name: 'Hulp nodig?' }).click();
    await expect(page.getByRole('link', { name: 'Bel de crisislijn' }).first()).toHaveAttribute('href', /^tel:\+?\d+$/);
  });

  test('the contact page works before sign-in', async ({ page, participant }) => {
    await page.goto('./');
    await page.getByRole('link', { name: 'Praat met een vertrouwenspersoon' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Vertrouwenspersoon' })).toBeVisible();
    await participant.expectAccessible();
  });
});

test.describe('bad data', () => {
  // context.route, not page.route: it also sees the fetches of the service worker (Chromium).
  test('a dossier that is not JSON shows the error view, and retry recovers', async ({ participant, page, context }) => {
    let broken = true;
    await context.route('**/api/v1/dossiers/*.json', async (route) => {
      if (broken) await route.fulfill({ status: 200, contentType: 'application/json', body: '<html>oops' });
      else await route.continue();
    });
    await participant.signIn('demo-0001');
    await expect(page.getByRole('alert')).toContainText('Er klopt iets niet in je gegevens');
    broken = false;
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
    // Once signed in, a broken reload shows the shared error view with its retry button.
    broken = true;
    await page.evaluate(() => sessionStorage.setItem('koers.session', 'fa411942d9f251f11487f82c89b35d55'));
    await page.goto('./agenda');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Dit lukt nu niet' })).toBeVisible();
    await participant.expectAccessible();
    broken = false;
    await alert.getByRole('button', { name: 'Probeer opnieuw' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  });

  test('a newer major version asks to update the app', async ({ participant, page, context }) => {
    await serveDossier(context, { schema: 'koers.dossier/2' });
    await participant.signIn('demo-0001');
    await expect(page.getByRole('alert')).toContainText('moet worden bijgewerkt');
  });

  test('malformed items are left out and counted; HTML-looking text stays text', async ({ participant, page, context }) => {
    await serveDossier(context, {
      schema: 'koers.dossier/1',
      participant: { id: 'p-x', first_name: '<b>Ann</b>', care_type: 'nieuw_soort' },
      agreements: [
        { id: 'a1', title: 'Goede afspraak', owner: 'participant', kind: 'agreement', status: 'active' },
        { title: 'Zonder id' },
        { id: 'a3', title: 'Slechte datum', agreed_on: '2026-13-45' },
        { id: 'a4', title: 'Onbekende soort', owner: 'buurman', kind: 'iets_nieuws' },
      ],
      appointments: [{ id: 'x', title: 'Geen start' }],
    });
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo <b>Ann</b>' })).toBeVisible();
    await participant.nav('Afspraken').click();
    await expect(page.getByText('2 onderdelen kunnen we niet laten zien')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Goede afspraak' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Onbekende soort' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Overige afspraken' })).toBeVisible();
    await participant.nav('Agenda').click();
    await expect(page.getByText('1 onderdeel kunnen we niet laten zien')).toBeVisible();
  });
});

// What the wasm component tests (tests/web.rs) checked until issue #21, now on the real pages.
test.describe('shared views', () => {
  test('progress is said in words, not only as a bar; nothing is counted as skipped when nothing was', async ({ participant, page, context }) => {
    await serveDossier(context, {
      schema: 'koers.dossier/1',
      participant: { id: 'p-y', first_name: 'Noor', care_type: 'ambulant' },
      goals: [
        { id: 'g1', domain: 'work', title: 'Werk vinden', status: 'active', progress: 40 },
        { id: 'g2', domain: 'finances', title: 'Overzicht over geld', status: 'active', progress: null },
      ],
    });
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Noor' })).toBeVisible();
    await participant.nav('Doelen').click();
    const bar = page.getByRole('progressbar', { name: 'Voortgang: 40%' });
    await expect(bar).toHaveAttribute('value', '40');
    await expect(page.getByText('Voortgang: 40%', { exact: true })).toBeVisible();
    await expect(page.getByText('Nog geen voortgang bekend')).toBeVisible();
    await expect(page.getByText(/kunnen we niet laten zien/)).toHaveCount(0);
  });

  test('the error view says what is wrong and its button tries again', async ({ page, context }) => {
    let fetches = 0;
    await context.route('**/api/v1/dossiers/*.json', (route) => {
      fetches += 1;
      return route.abort('internetdisconnected');
    });
    // Signed in, but the dossier never arrived on this device: nothing stored to fall back on.
    await page.goto('./');
    await page.evaluate(() => sessionStorage.setItem('koers.session', 'fa411942d9f251f11487f82c89b35d55'));
    await page.goto('./agenda');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Er is geen internet');
    const before = fetches;
    await alert.getByRole('button', { name: 'Probeer opnieuw' }).click();
    await expect.poll(() => fetches).toBeGreaterThan(before);
    await context.unroute('**/api/v1/dossiers/*.json');
    await page.getByRole('alert').getByRole('button', { name: 'Probeer opnieuw' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
  });
});

test.describe('writes', () => {
  // Issue #20: the confirmation was remembered by the card, so leaving the page before the
  // inbox answered lost it and "Ik heb dit gelezen" came back.
  test('a confirmation still counts when the page is left before it was sent', async ({ participant, page, context }) => {
    await participant.signIn('demo-0001');
    await participant.nav('Afspraken').click();
    await expect(page.getByRole('button', { name: 'Ik heb dit gelezen' }).first()).toBeVisible();
    const before = await page.getByRole('button', { name: 'Ik heb dit gelezen' }).count();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await context.route('**/api/v1/inbox/acknowledgements', async (route) => {
      await held;
      await route.continue();
    });
    const answered = page.waitForResponse('**/api/v1/inbox/acknowledgements');
    await page.getByRole('button', { name: 'Ik heb dit gelezen' }).first().click();
    await participant.nav('Agenda').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
    release();
    expect([200, 201]).toContain((await answered).status());
    // The outbox has handled the answer (it writes the confirmation down for this device).
    await expect.poll(() => page.evaluate(() => localStorage.getItem('koers.acks'))).not.toBeNull();
    await participant.nav('Afspraken').click();
    await expect(page.getByRole('button', { name: 'Ik heb dit gelezen' })).toHaveCount(before - 1);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Ik heb dit gelezen' })).toHaveCount(before - 1);
  });

  test('confirming a changed agreement shows it as read', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await participant.nav('Afspraken').click();
    // The page arrives as its own chunk: wait for it before counting.
    await expect(page.getByRole('button', { name: 'Ik heb dit gelezen' }).first()).toBeVisible();
    const before = await page.getByRole('button', { name: 'Ik heb dit gelezen' }).count();
    expect(before).toBeGreaterThan(0);
    const card = page.locator('article', { has: page.getByRole('button', { name: 'Ik heb dit gelezen' }) }).first();
    const title = await card.locator('h3').evaluate((h) => h.firstChild?.textContent ?? '');
    await card.getByRole('button', { name: 'Ik heb dit gelezen' }).click();
    const done = page.locator('article', { has: page.getByRole('heading', { level: 3, name: title, exact: true }) }).first();
    await expect(done.getByText('Je hebt dit gelezen')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ik heb dit gelezen' })).toHaveCount(before - 1);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Ik heb dit gelezen' })).toHaveCount(before - 1);
  });

  test('a goal reflection is sent to the mentor', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await participant.nav('Doelen').click();
    await page.getByRole('link', { name: /Ik werk 3 dagen per week/ }).first().click();
    await page.getByRole('button', { name: 'Verstuur naar mijn begeleider' }).click();
    await expect(page.getByRole('alert')).toContainText('Kies eerst een cijfer');
    await page.getByRole('group', { name: 'Geef een cijfer van 1 tot 10' }).getByRole('radio', { name: '7', exact: true }).check();
    await page.getByLabel('Vertel in een paar woorden').fill('Het gaat beter, ik ben op tijd.');
    await page.getByRole('button', { name: 'Verstuur naar mijn begeleider' }).click();
    await expect(page.getByText('Verstuurd. Je begeleider leest het.')).toBeVisible();
  });

  test('sign-out wipes what the app stored', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
    const keys = await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter((k) => k !== 'koers.lang'));
    expect(keys).toEqual([]);
    await page.goto('./home');
    await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  });
});

test.describe('agenda', () => {
  test('2,000 appointments render a page at a time, grouped by day', async ({ participant, page }) => {
    await participant.signIn('DEMO-0003');
    await participant.nav('Agenda').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
    const cards = page.locator('.agenda article');
    const first = await cards.count();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(60);
    await page.getByRole('button', { name: 'Laat meer zien' }).first().click();
    await expect.poll(() => cards.count()).toBeGreaterThan(first);
    await page.getByRole('button', { name: /Laat zien wat eerder in je agenda stond/ }).click();
    await expect(page.locator('.past-list article').first()).toBeVisible();
  });

  test('texts in the dossier that look like markup stay text, and each card exports its own appointment', async ({ participant, page, context }) => {
    // The cards are written as HTML text (issue #19): whatever a dossier holds must come out
    // as words, and the button of a card whose id another card shares still exports that card.
    const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await serveDossier(context, {
      schema: 'koers.dossier/1',
      participant: { id: 'p-markup', first_name: 'Sam' },
      team: [{ id: 't1', role: 'mentor', name: '<i>Sanne</i> & "Co"' }],
      appointments: [
        {
          id: 'same',
          title: '<img src=x onerror="window.__hit=1">Koffie',
          kind: 'mentor',
          start: soon(2),
          with: 't1',
          location: { name: '</p><script>window.__hit=2</script>', address: `Straat 1 "><b>vet</b>` },
          notes: "</article><button>Nep</button>",
          bring: ['<u>pas</u>'],
        },
        { id: 'same', title: 'Tweede afspraak', kind: 'probation', start: soon(3) },
      ],
    });
    await participant.signIn('demo-0001');
    await participant.nav('Agenda').click();
    const agenda = page.locator('.agenda');
    await expect(page.getByRole('heading', { level: 3, name: '<img src=x onerror="window.__hit=1">Koffie' })).toBeVisible();
    await expect(agenda.getByText('Met: <i>Sanne</i> & "Co"')).toBeVisible();
    await expect(agenda.getByText('</p><script>window.__hit=2</script>')).toBeVisible();
    await expect(agenda.getByRole('link', { name: 'Open in kaart: Straat 1 "><b>vet</b>' })).toBeVisible();
    await expect(agenda.getByText('</article><button>Nep</button>')).toBeVisible();
    await expect(agenda.getByText('<u>pas</u>')).toBeVisible();
    expect(await agenda.locator('img, script, b, i, u').count()).toBe(0);
    await expect(agenda.getByRole('button', { name: 'Nep' })).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).__hit)).toBeUndefined();

    const cards = agenda.locator('article');
    await expect(cards).toHaveCount(2);
    const download = page.waitForEvent('download');
    await cards.nth(1).getByRole('button', { name: 'Zet in de agenda van je telefoon' }).click();
    const file = await download;
    const text = (await import('node:fs')).readFileSync(await file.path(), 'utf8');
    expect(text).toContain('SUMMARY:Tweede afspraak');
    expect(text).not.toContain('Koffie');
  });
});

test.describe('language', () => {
  test('switching to English changes the interface and is remembered', async ({ participant, page }) => {
    await participant.signIn('demo-0001');
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByLabel('English').check();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await participant.expectAccessible();
  });
});
