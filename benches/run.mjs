// Browser benchmarks for BENCHMARKS.md, against a running koers-server (KOERS_URL) that serves
// the release build with the demo data and this directory's floor page under /floor/.
//
//   load:   navigation → the home screen shows the next appointment (app: /home signed in;
//           floor: /floor/?lookup=…), fresh browser context per run (nothing cached),
//           4× CPU slowdown and Lighthouse's slow-4G profile (150 ms RTT, 1.6 Mbit/s down,
//           750 kbit/s up).
//   agenda: on the loaded home screen of the 2,000-appointment participant, tap Agenda →
//           the first appointments painted (no throttling, and again with 4× CPU); against
//           the plain floor and against full.html, which writes the agenda page's own
//           markup with the app's stylesheet (served as floor/app.css).
//   sealed: on the sign-in page, submit a code → the home screen shows the next appointment,
//           DEMO-0004 (sealed: Argon2id key derivation in the browser, production cost) against
//           DEMO-0001 (plain), 4× CPU, no network throttling (SEALED_RUNS, default 5).
//           ONLY=sealed runs just this one.
//   pin:    with a PIN set (DEMO-0001), reload on the home screen → the lock screen; submit the
//           PIN → the home screen shows the next appointment (Argon2id of the PIN at production
//           cost, then the remembered sign-in and the dossier), 4× CPU (PIN_RUNS, default 5).
//           ONLY=pin runs just this one; ONLY=load only the load, ONLY=agenda only the agenda.
//
// Times come from performance.now() inside the page (a MutationObserver sees the element,
// then one animation frame for the paint), so Playwright's own round trips are not counted.
import { chromium } from "playwright-core";
import { createHash } from "node:crypto";

const base = process.env.KOERS_URL ?? "http://127.0.0.1:8080/";
const runs = Number(process.env.RUNS ?? 10);
const lookup = (code) =>
  createHash("sha256").update("koers-lookup:" + code.toUpperCase().replace(/[^A-Z0-9]/g, "")).digest("hex").slice(0, 32);
const small = lookup("DEMO-0001");
const big = lookup("DEMO-0003");

const markScript = () => {
  window.__koersMark = (selector) =>
    new Promise((resolve) => {
      const found = () => {
        if (!document.querySelector(selector)) return false;
        requestAnimationFrame(() => resolve(performance.now()));
        return true;
      };
      if (found()) return;
      const observer = new MutationObserver(() => found() && observer.disconnect());
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
};

async function throttle(page, cpu, network) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  if (network) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
  }
}

async function newPage(browser, lookupValue) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
  await context.addInitScript(markScript);
  await context.addInitScript((l) => sessionStorage.setItem("koers.session", l), lookupValue);
  return { context, page: await context.newPage() };
}

async function load(browser, url, lookupValue) {
  const { context, page } = await newPage(browser, lookupValue);
  await throttle(page, 4, true);
  await page.goto(url, { waitUntil: "commit" });
  const ms = await page.evaluate(() => window.__koersMark(".next-appointment"));
  await context.close();
  return ms;
}

async function agenda(browser, url, cpu, tap) {
  const { context, page } = await newPage(browser, big);
  await page.goto(url);
  await page.evaluate(() => window.__koersMark(".next-appointment"));
  // Home has loaded, with what it fetches after it is drawn (the other dossier pages' chunk):
  // a participant reads home before tapping.
  await page.waitForLoadState("networkidle");
  await throttle(page, cpu, false);
  const ms = await page.evaluate(async (selector) => {
    const t0 = performance.now();
    document.querySelector(selector).click();
    return (await window.__koersMark("article.appointment")) - t0;
  }, tap);
  await context.close();
  return ms;
}

async function signInTime(browser, code) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
  await context.addInitScript(markScript);
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector("#code");
  await throttle(page, 4, false);
  const ms = await page.evaluate(async (value) => {
    const input = document.querySelector("#code");
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const t0 = performance.now();
    input.form.requestSubmit();
    return (await window.__koersMark(".next-appointment")) - t0;
  }, code);
  await context.close();
  return ms;
}

async function unlockTime(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
  await context.addInitScript(markScript);
  const page = await context.newPage();
  await page.goto(base);
  await page.fill("#code", "DEMO-0001");
  await page.click("button[type=submit]");
  await page.waitForSelector(".next-appointment");
  await page.click("a.settings-link");
  await page.fill("#new-pin", "48213");
  await page.fill("#repeat-pin", "48213");
  await page.click("form button[type=submit]");
  await page.waitForSelector("text=Koers heeft een pincode.");
  await page.goto(`${base}home`);
  await page.waitForSelector("#unlock-pin");
  await throttle(page, 4, false);
  const ms = await page.evaluate(async () => {
    const input = document.querySelector("#unlock-pin");
    input.value = "48213";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const t0 = performance.now();
    input.form.requestSubmit();
    return (await window.__koersMark(".next-appointment")) - t0;
  });
  await context.close();
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function series(name, fn, n = runs) {
  const times = [];
  for (let i = 0; i < n; i++) times.push(await fn());
  const m = median(times);
  console.error(`${name}: ${times.map((t) => t.toFixed(0)).join(" ")}`);
  return m;
}

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium" });
const rows = [];
const row = (what, app, floor) => rows.push(`| ${what} | ${app.toFixed(0)} ms | ${floor.toFixed(0)} ms | ${(app / floor).toFixed(2)}× |`);

const only = process.env.ONLY;
const sealedRuns = Number(process.env.SEALED_RUNS ?? 5);
const sealedRows = [];
if (!only || only === "sealed") {
  const sealed = await series("sign-in sealed DEMO-0004 4x", () => signInTime(browser, "DEMO-0004"), sealedRuns);
  const plain = await series("sign-in plain DEMO-0001 4x", () => signInTime(browser, "DEMO-0001"), sealedRuns);
  sealedRows.push(`| submit code → home shows next appointment (4× CPU) | ${sealed.toFixed(0)} ms | ${plain.toFixed(0)} ms | ${(sealed - plain).toFixed(0)} ms |`);
}
if (only === "pin") {
  const pinRuns = Number(process.env.PIN_RUNS ?? 5);
  const unlock = await series("unlock with PIN DEMO-0001 4x", () => unlockTime(browser), pinRuns);
  await browser.close();
  console.log(`Median of ${pinRuns} runs, headless Chromium, 360×740 viewport, 4× CPU.\n`);
  console.log(`| submit PIN → home shows next appointment | ${unlock.toFixed(0)} ms |`);
  process.exit(0);
}
if (only === "sealed") {
  await browser.close();
  console.log(`Median of ${sealedRuns} runs, headless Chromium, 360×740 viewport.\n`);
  console.log("| what | sealed DEMO-0004 | plain DEMO-0001 | difference |\n|---|---:|---:|---:|");
  console.log(sealedRows.join("\n"));
  process.exit(0);
}
// ONLY=load: just the load row; ONLY=agenda: just the agenda rows.
if (only !== "agenda") row(
  "load → home shows next appointment (DEMO-0001, 4× CPU, slow 4G)",
  await series("load app", () => load(browser, `${base}home`, small)),
  await series("load floor", () => load(browser, `${base}floor/index.html?lookup=${small}`, small)),
);
const agendaRows = [];
for (const cpu of only === "load" ? [] : [1, 4]) {
  const app = await series(`agenda app ${cpu}x`, () => agenda(browser, `${base}home`, cpu, 'nav a[href$="/agenda"]'));
  const floor = await series(`agenda floor ${cpu}x`, () => agenda(browser, `${base}floor/index.html?lookup=${big}`, cpu, "#agenda-button"));
  // The same markup and the app's stylesheet, written by plain JavaScript (full.html).
  const full = await series(`agenda full floor ${cpu}x`, () => agenda(browser, `${base}floor/full.html?lookup=${big}`, cpu, "#agenda-link"));
  row(`tap Agenda → first appointments painted (DEMO-0003, 2,000 appointments, ${cpu}× CPU)`, app, floor);
  agendaRows.push(`| tap Agenda, ${cpu}× CPU | ${app.toFixed(0)} ms | ${full.toFixed(0)} ms | ${(app / full).toFixed(2)}× |`);
}
await browser.close();
console.log(`Median of ${runs} runs, headless Chromium, 360×740 viewport.\n`);
console.log("| what | app | floor (plain HTML+JS) | ratio |\n|---|---:|---:|---:|");
console.log(rows.join("\n"));
if (agendaRows.length) {
  console.log("\nAgainst the floor that writes the agenda page's own markup with the app's stylesheet (full.html):\n");
  console.log("| what | app | same-markup floor | ratio |\n|---|---:|---:|---:|");
  console.log(agendaRows.join("\n"));
}
console.log(`\nSign-in, median of ${sealedRuns} runs.\n`);
console.log("| what | sealed DEMO-0004 | plain DEMO-0001 | difference |\n|---|---:|---:|---:|");
console.log(sealedRows.join("\n"));
