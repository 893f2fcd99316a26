// Lighthouse 12 (mobile profile: Moto G Power emulation, simulated slow 4G, 4× CPU) on the
// sign-in, home, agenda and survey screens of a running koers-server (KOERS_URL).
// Home, agenda and survey need a signed-in tab: the session (sessionStorage, per tab) is set in
// the same tab Lighthouse then navigates, with storage reset disabled.
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";

const base = process.env.KOERS_URL ?? "http://127.0.0.1:8080/";
const lookup = createHash("sha256").update("koers-lookup:DEMO0001").digest("hex").slice(0, 32);
const pages = [
  ["sign-in", ""],
  ["home", "home"],
  ["agenda", "agenda"],
  ["survey", "vragenlijst"],
];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new"],
});
// KOERS_LH_COLD=1: the session is set on a page outside the app, so each screen loads with an
// empty cache and no service worker (a participant's very first visit); otherwise the tab has
// opened the app once, as a returning participant's phone has.
const primer = process.env.KOERS_LH_COLD ? `${base}api/v1/config.json` : base;
// KOERS_LH_OUT=dir: each screen's full report is kept there as <screen>.json.
const out = process.env.KOERS_LH_OUT;
if (out) mkdirSync(out, { recursive: true });
// KOERS_LH_RUNS=n: each screen measured n times, reported as the median and the range
// (issue #19 asks for 5); KOERS_LH_SCREENS=sign-in,home: only those screens.
const runs = Number(process.env.KOERS_LH_RUNS ?? 1);
const only = process.env.KOERS_LH_SCREENS?.split(",");
const rows = [];
const speed = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs, f) => (xs.length > 1 ? ` (${f(Math.min(...xs))}–${f(Math.max(...xs))})` : "");
const ms = (x) => `${Math.round(x).toLocaleString("en")} ms`;
for (const [name, path] of pages.filter(([n]) => !only || only.includes(n))) {
  const seen = { performance: [], accessibility: [], "best-practices": [], lcp: [], tbt: [], cls: [] };
  let again = 0;
  for (let run = 0; run < runs; run++) {
    // Chromium now and then refuses the first new tab right after it started ("Session with
    // given id not found"); a second try gets it.
    const page = await browser.newPage().catch(() => browser.newPage());
    await page.goto(primer);
    if (path) await page.evaluate((l) => sessionStorage.setItem("koers.session", l), lookup);
    const audit = () =>
      lighthouse(
        base + path,
        { output: "json", logLevel: "error", disableStorageReset: true, onlyCategories: ["performance", "accessibility", "best-practices"] },
        undefined,
        page,
      );
    let result = await audit();
    // Lighthouse now and then fails to record the trace (NO_NAVSTART, about one screen in ten
    // here); that run has no scores, so the screen is measured again, and the row says so
    // (with KOERS_LH_COLD the second run finds the files of the first in the cache).
    if (result.lhr.runtimeError) {
      again += 1;
      console.error(`${name}: ${result.lhr.runtimeError.code}, measured again`);
      result = await audit();
    }
    const { categories, audits } = result.lhr;
    if (out) writeFileSync(`${out}/${name}-${run + 1}.json`, result.report);
    speed.push(result.lhr.environment.benchmarkIndex);
    if (result.lhr.runtimeError) console.error(`${name}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    for (const c of ["performance", "accessibility", "best-practices"]) seen[c].push(Math.round(categories[c].score * 100));
    seen.lcp.push(audits["largest-contentful-paint"].numericValue);
    seen.tbt.push(audits["total-blocking-time"].numericValue);
    seen.cls.push(audits["cumulative-layout-shift"].numericValue);
    for (const c of ["accessibility", "best-practices"]) {
      for (const ref of categories[c].auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.error(`${name} ${c}: ${ref.id} — ${audit.title}`);
      }
    }
    await page.close();
  }
  const score = (c) => `${median(seen[c])}${spread(seen[c], String)}`;
  const label = again ? `${name} (${again} measured again)` : name;
  rows.push(
    `| ${label} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ` +
      `${ms(median(seen.lcp))}${spread(seen.lcp, ms)} | ${ms(median(seen.tbt))}${spread(seen.tbt, ms)} | ` +
      `${median(seen.cls).toFixed(3)}${spread(seen.cls, (x) => x.toFixed(3))} |`,
  );
}
await browser.close();
console.log(`${runs} run(s) per screen: the median, and (the range).`);
console.log("| screen | Performance | Accessibility | Best Practices | LCP | TBT | CLS |\n|---|---:|---:|---:|---:|---:|---:|");
console.log(rows.join("\n"));
// Lighthouse simulates a slow phone from this machine's own speed: scores from machines of
// different speed (its benchmark index, higher is faster) do not compare.
console.log(`\nLighthouse benchmark index of this machine: ${median(speed)} (${Math.round(Math.min(...speed))}–${Math.round(Math.max(...speed))})`);
