import { test as base, expect, BrowserContext, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { RunningServer, startServer } from './server';

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

export const test = base.extend<{ participant: Participant; cspViolations: string[] }, { koersServer: RunningServer }>({
  // Every worker has a server and a database of its own, so journeys can run side by side.
  koersServer: [
    async ({}, use) => {
      const server = await startServer();
      // For the helpers that make their own contexts or read the database (a11y, inbox).
      process.env.KOERS_URL = server.url;
      process.env.KOERS_DB = server.db;
      await use(server);
      server.stop();
    },
    { scope: 'worker', auto: true },
  ],
  baseURL: async ({ koersServer }, use) => {
    await use(koersServer.url);
  },
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

/** Every dossier the app asks for is `dossier` (context.route also sees the service worker's fetches). */
export function serveDossier(context: BrowserContext, dossier: object) {
  return context.route('**/api/v1/dossiers/*.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(dossier) }),
  );
}
