// When the first screen is on screen, on a phone-like browser: 4× CPU slowdown and a slow
// 4G network (150 ms, 1.6 Mbit/s) applied by Chromium itself (not simulated afterwards, as
// Lighthouse does). For each run in a fresh context: first contentful paint, the largest
// contentful paint (and which element it was), and when the app's own sign-in form is in
// the page. KOERS_URL: a running koers-server; KOERS_RUNS: runs (5).
import { chromium } from "playwright-core";

const url = process.env.KOERS_URL ?? "http://127.0.0.1:8080/";
const runs = Number(process.env.KOERS_RUNS ?? 5);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium" });
const seen = { fcp: [], lcp: [], app: [] };
let element = "";
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: "nl-NL" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await page.addInitScript(() => {
    window.__lcp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp.push({ t: e.startTime, el: e.element ? e.element.tagName.toLowerCase() + (e.element.closest("#boot") ? " (HTML)" : " (app)") : "?" });
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  await page.goto(url);
  // The app's own form: the HTML's first screen is gone and the sign-in page is drawn.
  await page.waitForFunction(() => !document.getElementById("boot") && document.querySelector("main#main form button"), null, { timeout: 60_000 });
  seen.app.push(await page.evaluate(() => performance.now()));
  await page.waitForTimeout(1000);
  const { fcp, lcp } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    lcp: window.__lcp.at(-1),
  }));
  seen.fcp.push(fcp);
  seen.lcp.push(lcp.t);
  element = lcp.el;
  await context.close();
}
await browser.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (xs) => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
console.log(`${url}, ${runs} runs, median (range):`);
console.log(`| first contentful paint | largest contentful paint | the app's form in the page | LCP element |\n|---:|---:|---:|---|`);
console.log(`| ${ms(seen.fcp)} | ${ms(seen.lcp)} | ${ms(seen.app)} | ${element} |`);
