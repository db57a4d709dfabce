// The projector of a workshop room, for real: the window opens a room (--room), participants
// join and vote over HTTP as their phones would, the facilitator steps the room through its API,
// and the window saves a screenshot after every change (--room-shots). Checks what the
// projector's record says afterwards.
//
//   node room_projector.mjs GUI CLI SCENARIO OUT
import { spawn, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import assert from "node:assert/strict";

const [gui, cli, scenario, out] = process.argv.slice(2);
const window = spawn("xvfb-run", ["-a", "-s", "-screen 0 1280x800x24", gui, "--room", scenario, "--room-bind", "127.0.0.1",
  "--room-shots", out, "--exit-when-done", "--window-size", "1280x800", "--seed", "7"], { stdio: ["ignore", "pipe", "inherit"] });
const deadline = setTimeout(() => { console.error("room_projector: timed out"); window.kill("SIGKILL"); process.exit(1); }, 120000);

// The window's stdout, line by line: the room line, then one line per screenshot saved.
const lines = [];
let waiters = [];
let buffered = "";
window.stdout.on("data", chunk => {
  buffered += chunk;
  for (let nl; (nl = buffered.indexOf("\n")) >= 0;) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    lines.push(line);
    waiters = waiters.filter(w => !w());
  }
});
const nextLine = (pattern, from) => new Promise(resolve => {
  const check = () => {
    const i = lines.findIndex((l, k) => k >= from && pattern.test(l));
    if (i >= 0) { resolve({ line: lines[i], index: i }); return true; }
    return false;
  };
  if (!check()) waiters.push(check);
});
let seen = 0;
async function settled(what) {
  const { line, index } = await nextLine(/^room: screenshot /, seen);
  seen = index + 1;
  console.log(`${what}: ${line.slice("room: screenshot ".length)}`);
}

const first = await nextLine(/^room: code=/, 0);
const [, code, port, key] = first.line.match(/code=(\S+) port=(\d+) .*key=([0-9a-f]+)/);
const base = `http://127.0.0.1:${port}`;
const post = async (path, body) => {
  const r = await fetch(base + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ room: code, ...body }) });
  return { status: r.status, data: await r.json() };
};
const facilitator = async () => (await fetch(`${base}/api/facilitator?room=${code}&key=${key}&since=0`)).json();
const step = async (action, call = "") => {
  const r = await post("/api/facilitator/step", { key, action, call });
  assert.equal(r.status, 200, `${action} ${call}: ${JSON.stringify(r.data)}`);
};

await settled("opened");
const people = [["Ann", ""], ["Bob", "Blue"], ["Cara", "Blue"], ["", ""]];
const tokens = [];
for (const [name, team] of people) {
  const r = await post("/api/join", { name, team });
  assert.equal(r.status, 200);
  tokens.push(r.data.token);
}
await settled("lobby with four people");
await step("start");
await settled("first decision");

let decision = 0;
for (;;) {
  const f = await facilitator();
  if (f.phase === "ended") break;
  const model = f.options.find(o => o.model) || f.options[0];
  const other = f.options.find(o => o !== model);
  // Three for the model reply and one against; at the second decision a tie the facilitator breaks.
  const votes = decision === 1 ? [model, model, other, other] : [model, model, model, other];
  for (let i = 0; i < tokens.length; ++i) {
    const r = await post("/api/vote", { token: tokens[i], decision: f.decision, letter: votes[i].letter });
    assert.equal(r.status, 200);
  }
  await settled(`decision ${decision + 1}: 4 of 4 voted`);
  const before = await (await fetch(`${base}/api/state?room=${code}&since=0`)).json();
  assert.ok(before.options.every(o => o.votes === undefined), "counts are hidden before the reveal");
  await step("reveal");
  await settled(`decision ${decision + 1}: revealed`);
  const after = await facilitator();
  if (decision === 1) {
    assert.equal(after.majority, "");
    assert.equal(after.tied.length, 2);
    const refused = await post("/api/facilitator/step", { key, action: "advance", call: "" });
    assert.equal(refused.status, 409, "a tie needs the facilitator's call");
    await step("advance", model.letter);
  } else {
    assert.equal(after.majority, model.letter);
    await step("advance");
  }
  await settled(`decision ${decision + 1}: went on`);
  ++decision;
}

const code_ = await new Promise(resolve => window.on("exit", resolve));
clearTimeout(deadline);
assert.equal(code_, 0, "the window exits cleanly after the end");
const shots = readdirSync(out).filter(f => f.startsWith("projector-"));
for (const phase of ["lobby", "voting", "revealed", "ended"])
  assert.ok(shots.some(f => f.includes(phase)), `a ${phase} screenshot`);

const db = `${process.env.XDG_DATA_HOME}/turnaround/results.db`;
assert.ok(existsSync(db), "the window recorded the session");
const report = execFileSync(cli, ["report", "--session", "1", "--db", db], { encoding: "utf8" });
console.log(report);
assert.match(report, /Mode: the whole room decides together/, "the room's session is recorded");
assert.match(report, /decision 1:.*3\*/, "the first decision went on with the three votes for the model reply");
assert.match(report, /decision 2:.*2!/, "the tie at the second decision was the facilitator's call");
console.log(`room_projector: ${decision} decisions, ${shots.length} screenshots in ${out}`);
