import { Browser, BrowserContext, Page, devices } from '@playwright/test';
import { test, expect, Participant } from './fixtures';

// Issue #9 "Everyone can use it": every page in every language, both directions, big text
// on a small screen, and the keyboard alone.

// Every page in one language, each checked by axe: 30–45 s on a two-core machine, more while
// the server still compresses the build in the background. Timings belong in BENCHMARKS.md.
test.setTimeout(120_000);

const LANGS = ['nl', 'en', 'ar', 'pl', 'tr'] as const;
type Lang = (typeof LANGS)[number];

/** Pages a signed-in participant reaches, plus the team pages and a missing page. */
const PAGES = [
  'home',
  'afspraken',
  'doelen',
  'agenda',
  'contact',
  'instellingen',
  'team',
  'signalen',
  'vragenlijst',
  'mijn-gegevens',
  'kiosk/deo-2026',
  'resultaten/deo-2026',
  'bestaat-niet',
];

/** A fresh phone-sized context that starts in `lang` (and optional text size). */
async function contextIn(browser: Browser, lang: Lang, extra: Record<string, string> = {}, viewport?: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...devices['Pixel 5'],
    baseURL: process.env.KOERS_URL ?? 'http://127.0.0.1:8080/',
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    ...(viewport ? { viewport } : {}),
  });
  const items = { 'koers.lang': lang, ...extra };
  await context.addInitScript((kv) => {
    for (const [k, v] of Object.entries(kv)) if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
  }, items);
  return context;
}

/** Signs in by the code field's id, so it works whatever the interface language. */
function signIn(page: Page, code = 'DEMO-0001') {
  return new Participant(page).signInAnyLanguage(code);
}

async function settle(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * Opens `path` inside the running app, the way its own links do (the router follows the
 * history), instead of loading and starting the app again for each page: the page checks
 * below then take a fraction of the time (BENCHMARKS.md, issue #21). The heading of the
 * page that is left is marked, so the check waits for the new page, not the old one.
 */
async function visit(page: Page, path: string) {
  const target = await page.evaluate((p) => new URL(p, document.baseURI).pathname, path);
  if ((await page.evaluate(() => location.pathname)) !== target) {
    await page.evaluate(() => document.querySelectorAll('h1').forEach((h) => h.setAttribute('data-left', '')));
    await page.evaluate((t) => {
      history.pushState(null, '', t);
      dispatchEvent(new PopStateEvent('popstate'));
    }, target);
    await expect(page.locator('h1[data-left]')).toHaveCount(0);
  }
  await settle(page);
}

/** The path of the first goal's own page, found from the goals list. */
async function firstGoalPath(page: Page): Promise<string> {
  await page.goto('./doelen');
  await settle(page);
  const href = await page.locator('main a[href*="/doelen/"]').first().getAttribute('href');
  return href!.replace(/^\//, '');
}

for (const lang of LANGS) {
  test(`axe-core: no violations on any page in ${lang}`, async ({ browser }) => {
    const context = await contextIn(browser, lang);
    const page = await context.newPage();
    const participant = new Participant(page);
    await page.goto('./');
    await settle(page);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    await participant.expectAccessible();
    await signIn(page);
    const goal = await firstGoalPath(page);
    for (const path of [...PAGES, goal]) {
      await visit(page, path);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await participant.expectAccessible();
    }
    // The first survey question and the help panel, open.
    await page.goto('./vragenlijst');
    await settle(page);
    await page.locator('main button.primary').click();
    await expect(page.locator('main form')).toBeVisible();
    await participant.expectAccessible();
    await page.locator('.help > button').click();
    await participant.expectAccessible();
    await context.close();
  });
}

// The check must be able to fail: a picture without a text alternative is found.
test('the accessibility check finds a planted violation', async ({ participant, page }) => {
  await page.goto('./');
  await settle(page);
  await participant.expectAccessible();
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.querySelector('main')!.append(img);
  });
  await expect(participant.expectAccessible()).rejects.toThrow(/image-alt/);
});

test('Arabic mirrors the layout: the first tab is on the right, arrows turn', async ({ browser }, info) => {
  const centre = async (lang: Lang) => {
    const context = await contextIn(browser, lang);
    const page = await context.newPage();
    await signIn(page);
    const nav = page.locator('nav.nav');
    const items = nav.locator('li');
    const first = (await items.first().boundingBox())!;
    const last = (await items.last().boundingBox())!;
    const width = page.viewportSize()!.width;
    if (lang === 'ar') {
      await info.attach('home-ar.png', { body: await page.screenshot(), contentType: 'image/png' });
    }
    // The "back" arrow on a goal page is drawn mirrored in right-to-left.
    await page.goto(`./${await firstGoalPath(page)}`);
    await settle(page);
    const arrow = await page.locator('main .arrow').first().evaluate((el) => getComputedStyle(el).transform);
    await context.close();
    return { first: first.x + first.width / 2, last: last.x + last.width / 2, width, arrow };
  };
  const nl = await centre('nl');
  const ar = await centre('ar');
  expect(nl.first).toBeLessThan(nl.width / 2);
  expect(nl.last).toBeGreaterThan(nl.width / 2);
  expect(ar.first).toBeGreaterThan(ar.width / 2);
  expect(ar.last).toBeLessThan(ar.width / 2);
  expect(Math.abs(ar.first - (ar.width - nl.first))).toBeLessThan(2);
  expect(nl.arrow).toBe('none');
  expect(ar.arrow).toBe('matrix(-1, 0, 0, 1, 0, 0)');
});

for (const lang of LANGS) {
  test(`200 % text on a 320 px wide screen never scrolls sideways (${lang})`, async ({ browser }) => {
    const context = await contextIn(browser, lang, { 'koers.text_size': '200' }, { width: 320, height: 640 });
    const page = await context.newPage();
    const overflow = async (where: string) => {
      await settle(page);
      const { scroll, client, root } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        root: getComputedStyle(document.documentElement).fontSize,
      }));
      expect(root, where).toBe('32px');
      expect(scroll, `${where}: page is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
    };
    await page.goto('./');
    await overflow('sign-in');
    await signIn(page);
    const goal = await firstGoalPath(page);
    for (const path of [...PAGES, goal]) {
      await visit(page, path);
      await overflow(path);
    }
    await page.goto('./vragenlijst');
    await settle(page);
    await page.locator('main button.primary').click();
    await expect(page.locator('main form')).toBeVisible();
    await overflow('survey question');
    await context.close();
  });
}

test('text size and contrast are chosen in the settings and remembered', async ({ browser }) => {
  const context = await contextIn(browser, 'nl');
  const page = await context.newPage();
  await signIn(page);
  await page.goto('./instellingen');
  await settle(page);
  await page.getByRole('group', { name: 'Tekstgrootte' }).getByLabel('150%').check();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '150');
  await page.getByLabel('Sterk contrast').check();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await new Participant(page).expectAccessible();
  await page.reload();
  await settle(page);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await expect(page.getByLabel('Sterk contrast')).toBeChecked();
  await context.close();
});

test('the language choice lists every language in its own words and switches to right-to-left', async ({ browser }) => {
  const context = await contextIn(browser, 'nl');
  const page = await context.newPage();
  await signIn(page);
  await page.goto('./instellingen');
  await settle(page);
  const group = page.getByRole('group', { name: 'Taal' });
  for (const name of ['Nederlands', 'English', 'العربية', 'Polski', 'Türkçe']) {
    await expect(group.getByLabel(name, { exact: true })).toBeVisible();
  }
  await group.getByLabel('العربية').check();
  await expect(page.getByRole('heading', { level: 1, name: 'الإعدادات' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('group', { name: 'اللغة' }).getByLabel('Türkçe').check();
  await expect(page.getByRole('heading', { level: 1, name: 'Ayarlar' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await context.close();
});

/** What has keyboard focus, in a few words, and whether its focus ring shows. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', type: '', text: '', outline: 'none', top: 0, bottom: 0 };
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      type: (el as HTMLInputElement).type ?? '',
      text: (el.textContent ?? '').trim(),
      outline: style.outlineStyle,
      top: box.top,
      bottom: box.bottom,
    };
  });
}

async function tabUntil(page: Page, want: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (want(f)) return f;
  }
  throw new Error('keyboard focus never reached the element');
}

test('keyboard only: skip link, sign-in, and focus never hidden under the bars', async ({ browser }) => {
  const context = await contextIn(browser, 'nl');
  const page = await context.newPage();
  await page.goto('./');
  await settle(page);
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  expect(skip.text).toBe('Ga naar de inhoud');
  expect(skip.outline).not.toBe('none');
  const input = await tabUntil(page, (f) => f.id === 'code');
  expect(input.outline).not.toBe('none');
  await page.keyboard.type('demo 0001');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hallo Tarik' })).toBeVisible();

  // A long page: every focus stop is between the top bar and the bottom tab bar.
  await page.goto('./afspraken');
  await settle(page);
  const barTop = await page.locator('nav.nav').evaluate((n) => n.getBoundingClientRect().top);
  const headerBottom = await page.locator('header.topbar').evaluate((h) => h.getBoundingClientRect().bottom);
  let inMain = 0;
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    const inNavOrHeader = await page.evaluate(() => !!document.activeElement?.closest('nav.nav, header.topbar, .skip-link'));
    if (inNavOrHeader || f.tag === 'body') continue;
    inMain++;
    expect(f.outline, `${f.tag} ${f.text}`).not.toBe('none');
    expect(f.bottom, `${f.text} is under the tab bar`).toBeLessThanOrEqual(barTop + 1);
    expect(f.top, `${f.text} is under the top bar`).toBeGreaterThanOrEqual(headerBottom - 1);
  }
  expect(inMain).toBeGreaterThan(5);
  await context.close();
});

test('keyboard only: a whole survey, from start to thanks', async ({ browser }) => {
  const context = await contextIn(browser, 'nl');
  const page = await context.newPage();
  await signIn(page);
  await page.goto('./vragenlijst');
  await settle(page);
  await tabUntil(page, (f) => f.tag === 'button' && /^(Begin met de vragenlijst|Ga verder waar je was)$/.test(f.text));
  await page.keyboard.press('Enter');
  const review = page.getByRole('heading', { level: 2, name: 'Kijk je antwoorden na' });
  for (let screen = 0; screen < 40 && !(await review.isVisible()); screen++) {
    await expect(page.getByText(/^Vraag \d+ van \d+$/)).toBeVisible();
    const f = await tabUntil(page, (f) => f.tag === 'input' || f.tag === 'textarea' || /Volgende/.test(f.text));
    if (f.tag === 'input' && (f.type === 'radio' || f.type === 'checkbox')) {
      await page.keyboard.press('Space');
    } else if (f.tag === 'textarea' || (f.tag === 'input' && f.type === 'text')) {
      await page.keyboard.type('Met het toetsenbord ingevuld.');
    }
    if (!/Volgende/.test(f.text)) await tabUntil(page, (f) => /Volgende/.test(f.text));
    await page.keyboard.press('Enter');
  }
  await expect(review).toBeVisible();
  await tabUntil(page, (f) => f.text === 'Verstuur je antwoorden', 80);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Bedankt voor het invullen!' })).toBeVisible();
  await context.close();
});

test('read aloud: a real button per text block that speaks in the interface language and stops', async ({ browser }) => {
  const context = await contextIn(browser, 'nl');
  // Headless Chromium has no voices: give the page a Dutch one, arriving late as on phones.
  await context.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as any).__spoken = spoken;
    const synth = window.speechSynthesis;
    let voices: any[] = [];
    Object.defineProperty(synth, 'getVoices', { value: () => voices });
    Object.defineProperty(synth, 'speak', { value: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }) });
    Object.defineProperty(synth, 'cancel', { value: () => {} });
    // A stand-in voice is not a native SpeechSynthesisVoice, which the real setter refuses.
    Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
      configurable: true,
      get() { return (this as any)._voice ?? null; },
      set(v) { (this as any)._voice = v; },
    });
    setTimeout(() => {
      voices = [{ lang: 'nl-NL', name: 'Test NL', default: true, localService: true, voiceURI: 'nl' }];
      synth.dispatchEvent(new Event('voiceschanged'));
    }, 300);
  });
  const page = await context.newPage();
  await signIn(page);
  await page.goto('./afspraken');
  await settle(page);
  const read = page.getByRole('button', { name: /^Lees voor: / }).first();
  await expect(read).toBeVisible();
  const box = (await read.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
  await read.click();
  const spoken = await page.evaluate(() => (window as any).__spoken);
  expect(spoken.length).toBe(1);
  expect(spoken[0].lang).toBe('nl');
  await expect(page.getByRole('button', { name: /^Stop met voorlezen: / })).toBeVisible();
  await new Participant(page).expectAccessible();
  await page.getByRole('button', { name: /^Stop met voorlezen: / }).click();
  await expect(page.getByRole('button', { name: /^Stop met voorlezen: / })).toHaveCount(0);
  // No voice for Polish on this device: a block with Polish words in it has no button, but
  // an agreement (the dossier's Dutch only) is still read, by the Dutch voice.
  await page.goto('./instellingen');
  await page.getByLabel('Polski').check();
  await page.goto('./afspraken');
  await settle(page);
  await page.getByRole('button', { name: /^Przeczytaj na głos: / }).first().click();
  const inPolish = await page.evaluate(() => (window as any).__spoken);
  expect(inPolish.at(-1).lang).toBe('nl');
  await page.goto('./signalen');
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.locator('button.read-aloud')).toHaveCount(0);
  await context.close();
});
