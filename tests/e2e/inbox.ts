import { execFileSync } from 'node:child_process';
import { Page, expect } from '@playwright/test';

// Shared by the survey and offline journeys: what the server stored, and the survey's steps.

import { SERVER } from './server';

/** The stored survey responses (JSON lines) from the server's own export. */
export function storedResponses(db = process.env.KOERS_DB): any[] {
  return stored('survey-responses', db);
}

/** The stored bodies of one inbox kind, from the server's own export. */
export function stored(kind: string, db = process.env.KOERS_DB): any[] {
  if (!db) throw new Error('set KOERS_DB to the SQLite file of the server under test');
  const out = execFileSync(SERVER, ['export', '--database', db, '--kind', kind], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((r) => r.body ?? r);
}

export function countStored(id: string): number {
  return storedResponses().filter((r) => JSON.stringify(r).includes(id)).length;
}

export const next = (page: Page) => page.getByRole('button', { name: 'Volgende', exact: true }).click();

export async function expectStep(page: Page, current: number, total: number) {
  await expect(page.getByText(`Vraag ${current} van ${total}`, { exact: true })).toBeVisible();
}

/** Picks a radio button by its visible words. */
export async function pick(page: Page, name: string) {
  await page.getByRole('radio', { name, exact: true }).check();
}

/** From the review page: send, see the thanks and the answers waiting in the outbox. */
export async function sendFromReview(page: Page) {
  await expect(page.getByRole('heading', { level: 2, name: 'Kijk je antwoorden na' })).toBeVisible();
  await page.getByRole('button', { name: 'Verstuur je antwoorden' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Bedankt voor het invullen!' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Wacht op versturen' })).toBeVisible();
}
