import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium: a test tool must never download a browser of its own.
export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Each worker starts its own server and database (fixtures.ts), so KOERS_WORKERS=2 works;
  // on CI's 2 cores it was slower (9.0 min against 5.6) and timed out: Chromium, the server's
  // brotli and the app compete for the same cores.
  workers: Number(process.env.KOERS_WORKERS ?? 1),
  retries: 0,
  // The JSON report gives each journey's time (BENCHMARKS.md, issue #21).
  reporter: [['list'], ['json', { outputFile: '../../target/playwright-report.json' }]],
  use: {
    ...devices['Pixel 5'],
    browserName: 'chromium',
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
