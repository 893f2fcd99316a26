import type { Locator } from '@playwright/test';
import { test, expect, serveDossier } from './fixtures';

/** A dossier in `lang` whose mentor is `mentor`, with 2 broken agreements and 3 broken appointments. */
function dossier(lang: string, mentor: string) {
  return {
    schema: 'koers.dossier/1',
    participant: { id: 'p-words', first_name: 'Sam', preferred_language: lang },
    team: [{ id: 't1', role: 'mentor', name: mentor, phone: '+31612345621' }],
    agreements: [
      { id: 'a1', title: 'Elke week bellen', owner: 'participant', kind: 'agreement', status: 'active' },
      { title: 'Zonder id' },
      { title: 'Ook zonder id' },
    ],
    appointments: [{ title: 'a' }, { title: 'b' }, { title: 'c' }],
  };
}

type Box = { left: number; right: number };

// Wide enough that the button's sentence stays on one line: the order is measured along it.
test.use({ viewport: { width: 1000, height: 800 } });

/** Where the brackets and the isolated name of `link` are drawn. */
function layout(link: Locator) {
  return link.evaluate((el) => {
    const bdi = el.querySelector('bdi');
    if (!bdi) return null;
    const box = (r: DOMRect) => ({ left: r.left, right: r.right });
    const charBox = (ch: string) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (bdi.contains(node)) continue;
        const at = node.textContent!.indexOf(ch);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return box(range.getBoundingClientRect());
      }
      throw new Error(`no ${ch} outside the name`);
    };
    const words = bdi.textContent!.split(' ');
    const wordBox = (i: number) => {
      const range = document.createRange();
      const start = words.slice(0, i).join(' ').length + (i ? 1 : 0);
      range.setStart(bdi.firstChild!, start);
      range.setEnd(bdi.firstChild!, start + words[i].length);
      return box(range.getBoundingClientRect());
    };
    return { open: charBox('('), close: charBox(')'), name: box(bdi.getBoundingClientRect()), first: wordBox(0), last: wordBox(words.length - 1) };
  });
}

test('a Dutch name in an Arabic sentence keeps its order and its brackets', async ({ participant, page, context }) => {
  await serveDossier(context, dossier('ar', 'Lotte van den Berg'));
  await participant.signIn('demo-0001');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const call = page.getByRole('link', { name: 'اتصل بمرشدي (Lotte van den Berg)' });
  await expect(call).toBeVisible();
  await expect(call.locator('bdi')).toHaveText('Lotte van den Berg');
  const at = (await layout(call))!;
  // Right to left: the sentence's "(" comes first, on the right of the name; ")" after it, on its left.
  expect(at.open.left).toBeGreaterThanOrEqual(at.name.right - 1);
  expect(at.close.right).toBeLessThanOrEqual(at.name.left + 1);
  // The name itself still reads left to right.
  expect(at.first.right).toBeLessThanOrEqual(at.last.left);
});

test('an Arabic name in a Dutch sentence keeps its order and its brackets', async ({ participant, page, context }) => {
  await serveDossier(context, dossier('nl', 'محمد العلي'));
  await participant.signIn('demo-0001');
  const call = page.getByRole('link', { name: 'Bel mijn begeleider (محمد العلي)' });
  await expect(call).toBeVisible();
  await expect(call.locator('bdi')).toHaveText('محمد العلي');
  const at = (await layout(call))!;
  expect(at.open.right).toBeLessThanOrEqual(at.name.left + 1);
  expect(at.close.left).toBeGreaterThanOrEqual(at.name.right - 1);
  // The name itself reads right to left: its first word is on the right.
  expect(at.first.left).toBeGreaterThanOrEqual(at.last.right);
});

test('counts take the Arabic plural forms: two, and a few', async ({ participant, page, context }) => {
  await serveDossier(context, dossier('ar', 'Lotte van den Berg'));
  await participant.signIn('demo-0001');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('./afspraken');
  await expect(page.getByText('تعذّر عرض عنصرين.')).toBeVisible();
  await page.goto('./agenda');
  await expect(page.getByText('تعذّر عرض 3 عناصر.')).toBeVisible();
  await participant.expectAccessible();
});
