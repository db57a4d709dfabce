// A workshop room driven through real phones: Debian's chromium, headless, one browser context
// (its own cookies and localStorage) per phone at 390x844, taps on the page's own buttons. The
// facilitator steps the room on the facilitator page. Checks what the phones show at every step
// (counts hidden before the reveal, shown after; a reloaded page keeps its participant and vote;
// the debrief at the end), then what `turnaround-cli report` recorded. Screenshots stay in OUT.
//
//   node drive.mjs NODE_PREFIX CLI SCENARIO OUT CHROMIUM
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";

const [prefix, cli, scenario, out, chromium] = process.argv.slice(2);
const puppeteer = createRequire(join(prefix, "package.json"))("puppeteer-core");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "profile"), { recursive: true });
const db = join(out, "results.db");

// [SECTION] the room: `turnaround-cli room`, its first line read for the code and links
// Every phone here shares one address (127.0.0.1), so the per-address throttle is set for a room,
// not for one phone; the throttle itself is tested in room_server_test.cpp.
const room = spawn(cli, ["room", scenario, "--bind", "127.0.0.1", "--db", db, "--no-qr", "--seed", "7",
  "--rate", "200", "--linger", "60"], { stdio: ["pipe", "pipe", "inherit"] });
let browser = null;
// A failed check must not leave the room or the browser running (they would hold the test's pipes).
const cleanUp = () => { room.kill("SIGKILL"); if (browser) browser.process()?.kill("SIGKILL"); };
for (const event of ["uncaughtException", "unhandledRejection"])
  process.on(event, e => { console.error(e); cleanUp(); process.exit(1); });
const deadline = setTimeout(async () => {
  console.error("room-browser: timed out");
  cleanUp();
  process.exit(1);
}, 150000);
let stdout = "";
const exited = new Promise(resolve => room.on("exit", code => resolve(code)));
const firstLine = new Promise((resolve, reject) => {
  room.stdout.on("data", chunk => {
    stdout += chunk;
    if (stdout.includes("\n")) resolve(stdout.slice(0, stdout.indexOf("\n")));
  });
  room.on("exit", code => reject(new Error(`turnaround-cli room exited (${code}) before its first line`)));
});
const line = await firstLine;
const m = line.match(/^room: code=(\S+) port=(\d+) url=(\S+) facilitator=(\S+)$/);
assert.ok(m, `the first line is machine-readable: ${line}`);
const [, code, port, joinUrl, facilitatorUrl] = m;
assert.equal(joinUrl, `http://127.0.0.1:${port}/?room=${code}`);
const key = new URL(facilitatorUrl).searchParams.get("key");
const api = async path => (await fetch(`http://127.0.0.1:${port}${path}`)).json();
const facilitatorState = () => api(`/api/facilitator?room=${code}&key=${key}&since=0`);

// [SECTION] the browser
const flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,  // puppeteer adds --headless=new itself; it is listed above to check it is there
  args: [...flags.slice(1), `--user-data-dir=${join(out, "profile")}`],
  protocolTimeout: 60000,
});
const spawnargs = browser.process().spawnargs;
for (const f of flags) assert.ok(spawnargs.includes(f), `chromium runs with ${f}`);
console.log(`room-browser: ${await browser.version()} at ${chromium}`);

const problems = [];
let throttled = 0;
async function phone(label) {
  const context = await browser.createBrowserContext();  // its own localStorage: a phone of its own
  const page = await context.newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.setUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36");
  page.on("pageerror", e => problems.push(`${label}: ${e.message}`));
  page.on("console", msg => { if (msg.type() === "error") problems.push(`${label} console: ${msg.text()}`); });
  page.on("response", r => { if (r.status() === 429) ++throttled; });
  page.label = label;
  return page;
}
const shot = async (page, name) => {
  await page.screenshot({ path: join(out, name) });
  console.log(`room-browser: screenshot ${name} (${page.label})`);
};
const text = page => page.$eval("#app", e => e.innerText);
const header = page => page.$eval("#who", e => e.textContent);
const waitText = (page, words) =>
  page.waitForFunction(w => document.getElementById("app").innerText.includes(w), { timeout: 20000 }, words);
// The reply buttons as a phone shows them: letter, text, whether it is this phone's vote, its count.
const options = page => page.$$eval("button.option", bs => bs.map(b => ({
  letter: b.dataset.letter, text: b.innerText, mine: b.classList.contains("mine"),
  bar: !!b.querySelector(".bar"), disabled: b.disabled })));
const letterOf = async (page, words) => {
  const o = (await options(page)).find(x => x.text.includes(words));
  assert.ok(o, `${page.label} shows the reply "${words}"`);
  return o.letter;
};
async function tapVote(page, letter) {
  await page.tap(`button.option[data-letter="${letter}"]`);
  await page.waitForFunction(l => document.querySelector(`button.option.mine[data-letter="${l}"]`) &&
    document.getElementById("app").innerText.includes(`Your vote: ${l}.`), { timeout: 10000 }, letter);
}
async function tapButton(page, label, selector = "button") {
  const handle = await page.waitForFunction((sel, l) =>
    [...document.querySelectorAll(sel)].find(b => b.textContent.trim() === l), { timeout: 10000 }, selector, label);
  await handle.asElement().tap();
}
async function waitVoted(n) {
  for (let i = 0; i < 100; ++i) {
    const f = await facilitatorState();
    if (f.voted === n) return f;
    await new Promise(r => setTimeout(r, 100));
  }
  assert.fail(`${n} votes did not arrive`);
}

// [SECTION] joining: three by name (one with a team), one anonymous
const people = [{ name: "Ana Silva", team: "Blue" }, { name: "Bob" }, { name: "Chen" }, { anonymous: true }];
for (const p of people) {
  p.page = await phone(p.name || "anonymous");
  await p.page.goto(joinUrl, { waitUntil: "domcontentloaded" });
  await p.page.waitForSelector("#name");
  assert.match(await text(p.page), /The Wrong Size, Again/);
  assert.equal(await header(p.page), `Room ${code}`);
  if (p.anonymous) {
    await tapButton(p.page, "Join without a name");
  } else {
    await p.page.tap("#name");
    await p.page.keyboard.type(p.name);
    if (p.team) {
      await p.page.tap("#team");
      await p.page.keyboard.type(p.team);
      await shot(p.page, "01-joining.png");
    }
    await tapButton(p.page, "Join");
  }
  await waitText(p.page, "You're in");
  assert.equal(await header(p.page), p.anonymous ? "Anonymous" : p.name + (p.team ? ` · ${p.team}` : ""));
}
await shot(people[0].page, "02-lobby.png");
const [ana, bob, chen, anon] = people.map(p => p.page);

const fac = await phone("facilitator");
await fac.goto(facilitatorUrl, { waitUntil: "domcontentloaded" });
await waitText(fac, "4 joined");
await tapButton(fac, "Start");

// [SECTION] decision 1: a tie, Bob changes his vote, the facilitator calls it
for (const p of people) await waitText(p.page, "What do you say?");
const sorry = await letterOf(ana, "twice is really annoying");
const warehouse = await letterOf(ana, "The warehouse must have mixed them up");
for (const p of people) assert.deepEqual((await options(p.page)).map(o => o.letter), ["A", "B", "C"], "the same order on every phone");
await tapVote(ana, sorry);
await tapVote(anon, sorry);
await tapVote(bob, sorry);
await tapVote(bob, warehouse);  // he changes his mind before the reveal
await tapVote(chen, warehouse);
let f = await waitVoted(4);
assert.equal(f.options.find(o => o.letter === sorry).votes, 2, "Bob's first vote was replaced, not added");
assert.equal(f.options.find(o => o.letter === warehouse).votes, 2);
for (const p of people) {
  const o = await options(p.page);
  assert.ok(o.every(x => !x.bar && !/\d+ votes?/.test(x.text)), `${p.page.label}: no counts before the reveal`);
  assert.equal(o.filter(x => x.mine).length, 1, `${p.page.label}: one reply marked as the vote`);
}
const hidden = await bob.evaluate(async (c) => (await (await fetch(`/api/state?room=${c}&since=0`)).json()).options, code);
assert.ok(hidden.every(o => o.votes === undefined), "the phones' state carries no counts before the reveal");
await shot(bob, "03-voting.png");

// A reloaded page is the same participant with the same vote.
await bob.reload({ waitUntil: "domcontentloaded" });
await waitText(bob, `Your vote: ${warehouse}.`);
assert.equal(await header(bob), "Bob");
assert.ok((await options(bob)).find(o => o.letter === warehouse).mine, "the reloaded page marks Bob's vote");
assert.equal((await facilitatorState()).participants, 4, "the reload did not add a participant");

await tapButton(fac, "Reveal the votes");
for (const p of people) await waitText(p.page, "The room's votes");
for (const p of people) {
  const o = await options(p.page);
  assert.ok(o.every(x => x.bar && x.disabled), `${p.page.label}: bars shown, buttons closed after the reveal`);
  assert.match(o.find(x => x.letter === sorry).text, /\n?2 votes/);
  assert.match(o.find(x => x.letter === warehouse).text, /2 votes/);
  assert.match(o.find(x => x.letter !== sorry && x.letter !== warehouse).text, /0 votes/);
  assert.match(await text(p.page), new RegExp(`A tie between (${sorry} and ${warehouse}|${warehouse} and ${sorry}): the facilitator decides`));
}
await shot(chen, "04-revealed-tie.png");
await waitText(fac, "your call");
await shot(fac, "04b-facilitator-tie.png");
await tapButton(fac, `Go on with ${sorry}`, "button.call");

// [SECTION] decision 2: a majority; the anonymous phone reloads after the reveal
for (const p of people) await waitText(p.page, "Decision 2");
for (const p of people) await waitText(p.page, "What do you say?");
assert.match(await text(ana), /The room said\s*I'm sorry, twice is really annoying/, "the room's reply, as called, on the phone");
const swap = await letterOf(ana, "I can swap them now, or refund you");
const onlySwap = await letterOf(ana, "That's all I can do");
await tapVote(ana, swap);
await tapVote(bob, swap);
await tapVote(anon, swap);
await tapVote(chen, onlySwap);
await waitVoted(4);
await tapButton(fac, "Reveal the votes");
for (const p of people) await waitText(p.page, `Most of the room chose ${swap}.`);
await anon.reload({ waitUntil: "domcontentloaded" });
await waitText(anon, `Most of the room chose ${swap}.`);
assert.equal(await header(anon), "Anonymous");
assert.ok((await options(anon)).find(o => o.letter === swap).mine, "the reloaded anonymous phone keeps its vote");
assert.match((await options(anon)).find(o => o.letter === swap).text, /3 votes/);
await shot(ana, "05-revealed-majority.png");
await tapButton(fac, `Go on with ${swap}`, "button:not(.call)");

// [SECTION] the end: the debrief on every phone, the session recorded
for (const p of people) await waitText(p.page, "Boots that fit");
for (const p of people) {
  const t = await text(p.page);
  assert.match(t, /The room (passed|did not pass)/);
  assert.match(t, /Scores/);
  assert.match(t, new RegExp(`What the room said[\\s\\S]*${sorry}: I'm sorry[\\s\\S]*${swap}: We have 43s`));
}
await shot(ana, "06-end.png");
await shot(anon, "06b-end-anonymous.png");

// Recorded at once; the room stays open so a phone that reloads after the end still reads the debrief.
for (let i = 0; i < 100 && !/room: recorded as session 1;/.test(stdout); ++i) await new Promise(r => setTimeout(r, 100));
assert.match(stdout, /room: recorded as session 1;/);
await chen.reload({ waitUntil: "domcontentloaded" });
await waitText(chen, "Boots that fit");
assert.equal(await header(chen), "Chen");
room.stdin.end("quit\n");
const exitCode = await exited;
assert.equal(exitCode, 0, "turnaround-cli room exits 0 once recorded and closed");
await browser.close();
browser = null;

const report = execFileSync(cli, ["report", "--session", "1", "--db", db], { encoding: "utf8" });
console.log(report);
assert.match(report, /The Wrong Size, Again|wrong-size-boots/);
assert.match(report, /Mode: the whole room decides together/);
assert.match(report, /Boots that fit|recovered|sorted/);
assert.match(report, /decision 1:.*2!/, "the tie at decision 1 was the facilitator's call, with 2 votes");
assert.match(report, /decision 2:.*3\*/, "decision 2 went on with the majority of 3");
// Each reply as the room saw it (letter and text), and every participant's last vote.
assert.match(report, new RegExp(`^ +${sorry}  I'm sorry, twice is really annoying`, "m"), "reply texts under their letters");
assert.match(report, /4 phones joined/);
const row = (who, ...letters) => assert.match(report, new RegExp(`^  ${who} +${letters.join(" +")} *$`, "m"), `${who} voted ${letters}`);
row("Ana Silva +Blue", sorry, swap);
row("Bob", warehouse, swap);  // his changed vote, not his first
row("Chen", warehouse, onlySwap);
assert.match(report, new RegExp(`anonymous phones at decision 1: ${sorry} 1`));
// The exports: every phone's vote in the ballots CSV, an xAPI "answered" per named vote.
const ballots = execFileSync(cli, ["export", "--format", "csv", "--ballots", "--session", "1", "--db", db], { encoding: "utf8" });
assert.equal(ballots.trim().split(/\r?\n/).length, 1 + 8, "a header and 4 phones x 2 decisions");
const statements = JSON.parse(execFileSync(cli, ["export", "--format", "xapi", "--session", "1", "--db", db], { encoding: "utf8" }));
const answered = statements.filter(st => st.verb.id.endsWith("/answered") && st.actor.objectType === "Agent");
assert.equal(answered.length, 6, "3 named participants x 2 decisions");
assert.ok(answered.some(st => st.actor.name === "Bob" && st.result.extensions[Object.keys(st.result.extensions).find(k => k.endsWith("/letter"))] === warehouse));
if (problems.length) assert.fail(`errors on the pages:\n${problems.join("\n")}`);
clearTimeout(deadline);
console.log(`room-browser: 4 phones, 2 decisions (a called tie, a majority), ${throttled} requests throttled; screenshots in ${out}`);
