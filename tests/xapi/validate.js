// Validates an exported JSON array of xAPI statements with Learning Locker's xapi-validation
// package (the same rules its LRS applies), plus the fields Turnaround promises on every statement.
// Usage: node validate.js NODE_MODULES_PREFIX STATEMENTS.json [MIN_COUNT]
'use strict';
const fs = require('fs');
const path = require('path');

const [prefix, file, minCount] = process.argv.slice(2);
if (!prefix || !file) {
  console.error('usage: node validate.js NODE_MODULES_PREFIX STATEMENTS.json [MIN_COUNT]');
  process.exit(2);
}
const validate = require(path.resolve(prefix, 'node_modules', 'xapi-validation')).default;

let statements;
try {
  statements = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`${file}: not valid JSON: ${e.message}`);
  process.exit(1);
}
if (!Array.isArray(statements)) {
  console.error(`${file}: expected a JSON array of statements`);
  process.exit(1);
}

let failures = 0;
const fail = (i, msg) => {
  failures++;
  console.error(`statement ${i}: ${msg}`);
};
const ids = new Set();
statements.forEach((s, i) => {
  for (const w of validate(s)) fail(i, `${w.message} at ${[].concat(w.path).join('.')}`);
  if (ids.has(s.id)) fail(i, `duplicate id ${s.id}`);
  ids.add(s.id);
  if (!s.actor || !s.actor.name || !s.actor.account) fail(i, 'actor needs a name and an account');
  if (!/^http:\/\/adlnet\.gov\/expapi\/verbs\/(passed|failed|terminated|completed|answered)$/.test(s.verb && s.verb.id))
    fail(i, `unexpected verb ${s.verb && s.verb.id}`);
  const r = s.result || {};
  if (s.verb && s.verb.id.endsWith('/answered')) {
    // A participant's vote at one decision of a workshop room: which reply, as the room saw it.
    const d = (s.object && s.object.definition) || {};
    if (d.interactionType !== 'choice') fail(i, 'an answer is a choice interaction');
    if (typeof r.response !== 'string' || !r.response) fail(i, 'an answer needs result.response (the reply id)');
    if (!s.context || !s.context.registration) fail(i, 'an answer belongs to its session (context.registration)');
    return;
  }
  if (typeof r.completion !== 'boolean') fail(i, 'result.completion missing');
  if (!/^PT/.test(r.duration || '')) fail(i, 'result.duration missing');
  if (r.completion) {
    if (!r.score || typeof r.score.scaled !== 'number' || r.score.scaled < -1 || r.score.scaled > 1)
      fail(i, 'a finished attempt needs result.score.scaled in [-1, 1]');
    if (typeof r.success !== 'boolean') fail(i, 'a finished attempt needs result.success');
    const verb = s.verb.id.split('/').pop();
    if (verb !== (r.success ? 'passed' : 'failed')) fail(i, `verb ${verb} disagrees with success ${r.success}`);
  }
});

// A validator that accepts anything would make this test worthless: check it rejects a broken copy.
if (statements.length > 0) {
  const broken = JSON.parse(JSON.stringify(statements[0]));
  broken.id = 'not-a-uuid';
  broken.result.duration = '12 seconds';
  if (validate(broken).length < 2) fail(0, 'the validator accepted a statement with a bad id and duration');
}

const want = Number(minCount || 1);
if (statements.length < want) {
  console.error(`expected at least ${want} statements, found ${statements.length}`);
  failures++;
}
if (failures) {
  console.error(`${failures} problem(s) in ${statements.length} statement(s)`);
  process.exit(1);
}
console.log(`${statements.length} statement(s) valid`);
