// The web companion end to end, in real Chromium driven by playwright-core: a conversation round
// trip, the face after a sad message, searching, correcting and forgetting from the ledger, history across a
// reload (from the server), settings, both UI languages, erasing everything; a screenshot of each
// view lands in OUT_DIR.
//
//   node web_test.mjs SAMANTHA_BINARY WEB_ROOT OUT_DIR      (SAMANTHA_NODE_MODULES: playwright-core)
// Exits 77 (skipped) when Chromium or playwright-core is missing.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [binary, webRoot, outDir] = process.argv.slice(2);
const chromiumPath = process.env.SAMANTHA_CHROMIUM || "/usr/bin/chromium";
const modules = process.env.SAMANTHA_NODE_MODULES || "";
if (!existsSync(chromiumPath) || !existsSync(join(modules, "playwright-core"))) {
  console.log(`skipped: needs ${chromiumPath} and playwright-core in ${modules} (tools/bootstrap.sh)`);
  process.exit(77);
}
const { chromium } = createRequire(join(modules, "noop.js"))("playwright-core");
mkdirSync(outDir, { recursive: true });
const data = mkdtempSync(join(tmpdir(), "samantha-web-"));

const server = spawn(binary, ["--data-dir", data, "serve", "--port", "0", "--local-user", "web",
                              "--voice", "--web-root", webRoot], { stdio: ["ignore", "ignore", "pipe"] });
const url = await new Promise((resolve, reject) => {
  let seen = "";
  const timer = setTimeout(() => reject(new Error("serve did not start: " + seen)), 20000);
  server.stderr.on("data", (d) => {
    seen += d.toString();
    const m = seen.match(/open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
});

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(url);
  assert.ok(!page.url().includes("token="), "the token leaves the address bar");
  await page.waitForFunction(() => document.getElementById("status").textContent === "");

  // A conversation round trip: the reply streams into a bubble.
  const say = async (text) => {
    const before = await page.locator("#messages li.samantha").count();
    await page.fill("#text", text);
    await page.click("#send");
    await page.waitForFunction((n) => {
      const replies = document.querySelectorAll("#messages li.samantha");
      return replies.length > n && replies[replies.length - 1].textContent.length > 0 &&
             !document.getElementById("send").disabled;
    }, before, { timeout: 20000 });
    return (await page.locator("#messages li.samantha").last().textContent()).trim();
  };
  const first = await say("Hi! I'm Mina. My sister Emma lives in Busan.");
  assert.ok(first.length > 0, "Samantha answers");
  assert.match(first, /Mina/, "she uses the name she just heard");
  await page.screenshot({ path: join(outDir, "chat.png") });

  // The face changes after a sad message.
  const before = await page.getAttribute("#face", "data-look");
  await say("I failed my exam today and I feel so sad.");
  await page.waitForFunction(() => document.getElementById("face").dataset.look === "sadness");
  const emotion = await page.getAttribute("#face", "data-emotion");
  assert.notEqual(before, "sadness");
  assert.ok(["concern", "hurt", "missing"].includes(emotion), `a caring face, got ${emotion}`);
  await page.screenshot({ path: join(outDir, "face-after-sad-message.png") });

  // Reloading keeps the history: the page asks the server for it.
  const count = await page.locator("#messages li").count();
  await page.evaluate(() => localStorage.removeItem("samantha.moods"));
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll("#messages li").length >= n, count);
  assert.match(await page.locator("#messages li.me").first().textContent(), /I'm Mina/);
  const token = await page.evaluate(() => localStorage.getItem("samantha.token"));
  const server = async (method, path, body) => (await fetch(new URL(path, url), {
    method, headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
    body: body && JSON.stringify(body) })).json();

  // The ledger: Emma is remembered, then forgotten from the page, for good.
  await page.click('.tab[data-view="ledger"]');
  const emma = page.locator("#memories li", { hasText: "Emma" });
  await emma.first().waitFor();
  await page.screenshot({ path: join(outDir, "ledger.png") });
  // Correcting a memory in place: her name was misheard.
  const name = page.locator("#memories li", { hasText: "name: Mina" });
  await name.first().locator("button.correct").click();
  await page.fill('#memories form.correction input[name="text"]', "Minah");
  await page.screenshot({ path: join(outDir, "ledger-correcting.png") });
  await page.click("#memories form.correction button.save");
  await page.locator("#memories li", { hasText: "name: Minah" }).first().waitFor();
  assert.equal((await server("GET", "/v1/me")).name, "Minah", "the server has the correction");
  // Searching the ledger: the best match first, from the server's search.
  await page.fill("#memory-search", "sister in Busan");
  await page.click("#memory-search-go");
  await page.waitForFunction(() => {
    const first = document.querySelector("#memories li");
    return first && first.textContent.includes("Emma");
  });
  assert.ok(await page.locator("#memories li").count() <
            (await server("GET", "/v1/memories")).memories.length, "a search shows fewer than all");
  await page.screenshot({ path: join(outDir, "ledger-search.png") });
  const found = await server("GET", "/v1/memories/search?q=" + encodeURIComponent("my sister") + "&limit=3");
  assert.ok(found.results.length >= 1 && found.results.length <= 3, JSON.stringify(found));
  assert.match(found.results[0].text, /Emma/);
  for (const r of found.results) {
    assert.deepEqual(Object.keys(r).filter((k) => !["id", "kind", "text", "score", "date"].includes(k)), []);
  }
  await page.fill("#memory-search", "zzzz qqqq");
  await page.click("#memory-search-go");
  await page.waitForFunction(() => document.querySelector("#memories li.hint"));
  await page.fill("#memory-search", "");
  await page.click("#memory-search-go");
  await page.locator("#memories li", { hasText: "name: Minah" }).first().waitFor();
  await emma.first().locator("button.forget").click();
  await page.waitForFunction(() => ![...document.querySelectorAll("#memories li")]
    .some((li) => li.textContent.includes("Emma")));
  const ledger = await server("GET", "/v1/memories");
  assert.ok(!JSON.stringify(ledger).includes("Emma"), "the server forgot Emma too");

  // Us and settings, in Korean too.
  await page.click('.tab[data-view="us"]');
  assert.notEqual((await page.textContent("#stage")).trim(), "—");
  await page.screenshot({ path: join(outDir, "us.png") });
  await page.click('.tab[data-view="settings"]');
  await page.waitForFunction(() => document.getElementById("role").value === "friend");
  await page.selectOption("#role", "family");
  await page.waitForFunction(() => document.getElementById("settings-status").textContent !== "");
  await page.uncheck("#proactive");
  await page.fill("#quiet-start", "22");
  await page.press("#quiet-start", "Tab");
  for (let i = 0; i < 50; i++) {
    const s = await server("GET", "/v1/settings");
    if (s.role === "family" && s.proactive === false && s.quiet_start_hour === 22) break;
    assert.ok(i < 49, "the settings reach the server: " + JSON.stringify(s));
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.screenshot({ path: join(outDir, "settings.png") });
  await page.selectOption("#ui-language", "ko");
  assert.equal((await page.textContent('.tab[data-view="chat"]')).trim(), "대화");
  await page.screenshot({ path: join(outDir, "settings-ko.png") });
  await page.click('.tab[data-view="chat"]');
  const reply = await say("안녕하세요, 오늘 날씨가 좋네요.");
  assert.match(reply, /[가-힣]/, "a Korean reply to Korean");
  await page.screenshot({ path: join(outDir, "chat-ko.png") });

  // Erasing everything: after a confirmation, the page signs out and the server forgets her.
  page.once("dialog", (d) => d.accept());
  await page.click('.tab[data-view="settings"]');
  await page.click("#erase");
  await page.locator("#signin").waitFor({ state: "visible" });
  const gone = await fetch(new URL("/v1/me", url), { headers: { Authorization: "Bearer " + token } });
  assert.equal(gone.status, 401, "her token no longer works");
  assert.deepEqual(problems, [], "no script errors on the page");
  console.log(`web companion: all checks passed; screenshots in ${outDir}`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(data, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
