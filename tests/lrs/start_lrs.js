// Starts a real learning record store for the LRS tests: Learning Locker's statement service
// (npm package xapi-statements), with statements kept in memory, on 127.0.0.1.
//
//   node start_lrs.js NODE_PREFIX WORKDIR READY_FILE
//
// Credentials are checked the way Learning Locker checks them in production: the service asks a
// client-info endpoint about each request's Authorization header. That endpoint is here; it knows
// one client, key "turnaround-key" and secret "turnaround-secret", and answers 404 (unknown
// client, which the LRS turns into 401) for anything else.
//
// In front of the LRS is a gate that can be told to answer the next N requests with 503 and
// Retry-After: 1 (POST /__fail?n=N), so the tests can watch the client wait and try again; every
// other request passes through to the LRS unchanged.
//
// When all three listen, READY_FILE gets "LRS_PORT GATE_PORT". The process runs until killed.
'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');

const [nodePrefix, workDir, readyFile] = process.argv.slice(2);
if (!readyFile) {
  console.error('usage: node start_lrs.js NODE_PREFIX WORKDIR READY_FILE');
  process.exit(2);
}

const CLIENT = {
  _id: '5a1f0c0e0000000000000001',
  title: 'Turnaround tests',
  authority: { objectType: 'Agent', account: { homePage: 'https://turnaround.example', name: 'tests' } },
  isTrusted: true,
  lrs_id: '5a1f0c0e0000000000000002',
  organisation: '5a1f0c0e0000000000000003',
  scopes: ['all'],
};
const GOOD = 'Basic ' + Buffer.from('turnaround-key:turnaround-secret').toString('base64');

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

async function freePort() {
  const s = http.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

async function main() {
  const auth = http.createServer((req, res) => {
    if (req.headers.authorization === GOOD) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(CLIENT));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  const authPort = await listen(auth);
  const lrsPort = await freePort();

  fs.mkdirSync(path.join(workDir, 'storage'), { recursive: true });
  Object.assign(process.env, {
    EXPRESS_PORT: String(lrsPort),
    AUTH_REPO: 'fetch',
    LL_CLIENT_INFO_ENDPOINT: `http://127.0.0.1:${authPort}/auth`,
    MODELS_REPO: 'memory',
    STORAGE_REPO: 'local',
    FS_LOCAL_STORAGE_DIR: path.join(workDir, 'storage'),
    EXPRESS_MORGAN_DIRECTORY: path.join(workDir, 'access-logs'),
    EVENTS_REPO: 'test',
    WINSTON_CONSOLE_LEVEL: 'warning',
    SERVICE_AWAIT_UPDATES: 'true',
  });
  process.chdir(workDir);
  require(path.join(nodePrefix, 'node_modules', 'xapi-statements', 'dist', 'server.js'));

  let failuresLeft = 0;
  const gate = http.createServer((req, res) => {
    if (req.url.startsWith('/__fail')) {
      failuresLeft = Number(new URL(req.url, 'http://x').searchParams.get('n') || '1');
      res.end('ok');
      return;
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      req.resume();
      res.writeHead(503, { 'Retry-After': '1', 'Content-Type': 'text/plain' });
      res.end('busy (test gate)');
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: lrsPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
    upstream.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(upstream);
  });
  const gatePort = await listen(gate);

  // Ready when the LRS itself answers.
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      http.get({ host: '127.0.0.1', port: lrsPort, path: '/xAPI/about' }, (r) => {
        r.resume();
        resolve(r.statusCode === 200);
      }).on('error', () => resolve(false));
    });
    if (ok) {
      fs.writeFileSync(readyFile + '.tmp', `${lrsPort} ${gatePort}\n`);
      fs.renameSync(readyFile + '.tmp', readyFile);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error('the LRS did not answer on 127.0.0.1:' + lrsPort);
  process.exit(1);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
