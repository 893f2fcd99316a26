// The desk with many messages (BENCHMARKS.md, "The desk"): N messages sealed to the demo
// adviser's key by libsodium itself (not by Koers's own code), posted to the server under
// test (KOERS_URL, started without a rate limit), then the time from "Open de balie" to the
// opened list, with the CPU slowed 4× (and 1×), median of RUNS.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import sodium from "libsodium-wrappers";
import { chromium } from "playwright-core";

const base = process.env.KOERS_URL ?? "http://127.0.0.1:8080/";
const count = Number(process.env.DESK_MESSAGES ?? 1000);
const runs = Number(process.env.RUNS ?? 3);
const token = "demo-desk-token-vp-1-0001";
const keyPath = new URL("../tests/fixtures/demo-keys/adviser.key", import.meta.url).pathname;

await sodium.ready;
const key = JSON.parse(readFileSync(keyPath, "utf8"));
const publicKey = sodium.from_base64(key.public_key, sodium.base64_variants.ORIGINAL);

function sealedMessage(i) {
  const plain = {
    schema: "koers.message/1",
    id: randomUUID(),
    to: "vp-1",
    sent_at: "2026-12-02T10:15:00+01:00",
    participant_id: null,
    callback_requested: false,
    reply_via: null,
    body: `Bericht ${i}: ik wil graag iets vragen over mijn begeleiding en mijn woonplek.`,
  };
  const ciphertext = sodium.crypto_box_seal(sodium.from_string(JSON.stringify(plain)), publicKey);
  return {
    schema: plain.schema,
    id: plain.id,
    to: plain.to,
    sent_at: plain.sent_at,
    sealed: {
      alg: "crypto_box_seal",
      recipient: key.public_key,
      ciphertext: sodium.to_base64(ciphertext, sodium.base64_variants.ORIGINAL),
    },
  };
}

async function post(body) {
  const r = await fetch(new URL("api/v1/inbox/messages", base), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`inbox answered ${r.status}: ${await r.text()}`);
}

const seedStart = Date.now();
for (let i = 0; i < count; i += 16) {
  await Promise.all(Array.from({ length: Math.min(16, count - i) }, (_, j) => post(sealedMessage(i + j))));
}
console.error(`desk: ${count} libsodium-sealed messages posted in ${Date.now() - seedStart} ms`);

async function openDesk(browser, cpu) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block", locale: "nl-NL" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(new URL("balie", base).href);
  await page.getByLabel("Baliecode").waitFor();
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  await page.getByLabel("Baliecode").fill(token);
  await page.getByLabel("Sleutelbestand").setInputFiles(keyPath);
  const start = Date.now();
  await page.getByRole("button", { name: "Open de balie" }).click();
  await page.getByText(/^Nieuwe berichten: \d+/).waitFor({ timeout: 120_000 });
  const opened = Date.now() - start;
  const unopened = await page.getByText("Bericht dat niet opengaat").count();
  if (unopened) throw new Error(`${unopened} messages did not open`);
  await context.close();
  return opened;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium" });
for (const cpu of [1, 4]) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await openDesk(browser, cpu));
  console.log(`| desk: open ${count} sealed messages, ${cpu}× CPU | ${median(times)} ms | ${Math.min(...times)}–${Math.max(...times)} ms |`);
}
await browser.close();
