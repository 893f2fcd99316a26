import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** A participant using the app: signs in by the visible label and button, as a person would. */
export class Participant {
  constructor(readonly page: Page) {}

  async signIn(code: string) {
    await this.page.goto('./');
    await this.page.getByLabel('Jouw code').fill(code);
    await this.page.getByRole('button', { name: 'Inloggen' }).click();
  }

  /**
   * Waits until the service worker has stored the app and controls the page (it claims the
   * page on its first install): from then on every part of the app works offline.
   */
  async appStored() {
    await this.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Claiming follows activation; on a busy machine that can take seconds.
    await expect.poll(() => this.page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
  }

  nav(name: string) {
    return this.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name });
  }

  /** axe-core must find nothing, on any page. */
  async expectAccessible() {
    // From the top of the page: axe's target-size rule counts a control that is scrolled half
    // under the sticky top bar as too small, which says where the page was scrolled, not how
    // big the control is.
    await this.page.evaluate(() => window.scrollTo(0, 0));
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary, 'axe-core violations').toEqual([]);
  }
}

export const test = base.extend<{ participant: Participant; cspViolations: string[] }>({
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    page.on('pageerror', (err) => violations.push(`page error: ${err.message}`));
    await use(violations);
  },
  participant: async ({ page }, use) => {
    await use(new Participant(page));
  },
});

export { expect };
