import { test as base, expect, BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { RunningServer, startServer } from './server';

/** axe-core itself, put into a page once and run there for every check. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.2 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** A participant using the app: signs in by the visible label and button, as a person would. */
export class Participant {
  constructor(readonly page: Page) {}

  async signIn(code: string) {
    await this.page.goto('./');
    await this.page.getByLabel('Jouw code').fill(code);
    await this.page.getByRole('button', { name: 'Inloggen' }).click();
  }

  /**
   * Signs in whatever the interface language (the code field by its id, the form's own
   * button) and waits for the home screen: for the checks that go through every language.
   */
  async signInAnyLanguage(code = 'DEMO-0001') {
    await this.page.goto('./');
    await this.page.locator('#code').fill(code);
    await this.page.locator('form button[type="submit"]').click();
    await expect(this.page).toHaveURL(/\/home$/);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
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
    // Once per document, not once per check: parsing axe (half a megabyte) each time took
    // longer than the check itself (issue #21).
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.evaluate(AXE_SOURCE);
    // Only violations are collected: the passes are not looked at, and gathering them
    // doubled the time of a run. The rules that run are the same.
    const summary = await this.page.evaluate(async (tags) => {
      const axe = (window as any).axe;
      const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return results.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    }, AXE_TAGS);
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
    // Starting includes waiting for the server to compress the app (server.ts).
    { scope: 'worker', auto: true, timeout: 120_000 },
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
