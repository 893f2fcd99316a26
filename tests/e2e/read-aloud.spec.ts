// "Lees voor" reads each piece in its own language (issue #22): the dossier's texts (Dutch
// unless the file's `lang` says otherwise) with a voice of that language, the app's own
// words with the interface language's. An Arabic voice reading Dutch is unintelligible.
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, serveDossier } from './fixtures';

type Said = { text: string; lang: string; voice: string | null };

/** Stand-in voices (headless Chromium has none) that record what is said and in which voice. */
async function voices(context: BrowserContext, langs: string[]) {
  await context.addInitScript((langs: string[]) => {
    const spoken: Said[] = [];
    (window as any).__spoken = spoken;
    const synth = window.speechSynthesis;
    const list = langs.map((lang) => ({ lang, name: `Test ${lang}`, default: false, localService: true, voiceURI: lang }));
    Object.defineProperty(synth, 'getVoices', { value: () => list });
    Object.defineProperty(synth, 'speak', {
      value: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang, voice: (u as any)._voice?.lang ?? null }),
    });
    Object.defineProperty(synth, 'cancel', { value: () => {} });
    // A stand-in voice is not a native SpeechSynthesisVoice, which the real setter refuses.
    Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', {
      configurable: true,
      get() { return (this as any)._voice ?? null; },
      set(v) { (this as any)._voice = v; },
    });
  }, langs);
}

const said = (page: Page): Promise<Said[]> => page.evaluate(() => (window as any).__spoken);

function dossier(extra: object = {}) {
  return {
    schema: 'koers.dossier/1',
    participant: { id: 'p-voice', first_name: 'Sam', preferred_language: 'ar' },
    agreements: [{ id: 'a1', title: 'Elke week bellen', text: 'Ik bel elke maandag met mijn begeleider.', owner: 'participant', kind: 'agreement', status: 'active' }],
    signal_plan: {
      phases: [{ level: 'orange', signals: ['Ik slaap slecht'], my_actions: ['Ik bel mijn begeleider'], support_actions: ['Sanne komt langs'] }],
    },
    ...extra,
  };
}

test('Arabic interface, Dutch dossier: the dossier is read by the Dutch voice, the labels by the Arabic one', async ({ participant, page, context }) => {
  await voices(context, ['nl-NL', 'ar-SA']);
  await serveDossier(context, dossier());
  await participant.signIn('demo-0001');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await page.goto('./afspraken');
  await page.getByRole('button', { name: 'اقرأ بصوت عالٍ: Elke week bellen' }).click();
  expect(await said(page)).toEqual([
    { text: 'Elke week bellen. Ik bel elke maandag met mijn begeleider.', lang: 'nl', voice: 'nl-NL' },
  ]);
  await participant.expectAccessible();

  await page.goto('./signalen');
  await page.getByRole('button', { name: /^اقرأ بصوت عالٍ: / }).click();
  // A new page: what was said on the agreements page is not in this list.
  const spoken = await said(page);
  // Every piece in its own voice; the plan's words are Dutch, the headings Arabic.
  for (const s of spoken) expect(s.voice?.slice(0, 2)).toBe(s.lang);
  expect(spoken.filter((s) => s.lang === 'nl').map((s) => s.text)).toEqual([
    'Ik slaap slecht.',
    'Ik bel mijn begeleider.',
    'Sanne komt langs.',
  ]);
  expect(spoken.filter((s) => s.lang === 'ar').length).toBeGreaterThanOrEqual(3);
  expect(spoken.map((s) => s.lang)).toEqual(['ar', 'nl', 'ar', 'nl', 'ar', 'nl']);
});

test('a dossier in English needs an English voice: without one there is no read-aloud button', async ({ participant, page, context }) => {
  await voices(context, ['nl-NL', 'ar-SA']);
  await serveDossier(context, dossier({ lang: 'en-GB', agreements: [{ id: 'a1', title: 'Call every week', owner: 'participant', kind: 'agreement', status: 'active' }] }));
  await participant.signIn('demo-0001');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('./afspraken');
  await expect(page.getByRole('heading', { name: /Call every week/ })).toBeVisible();
  await expect(page.locator('button.read-aloud')).toHaveCount(0);
});
