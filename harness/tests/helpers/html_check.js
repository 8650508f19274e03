#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Load an nscheck HTML report in headless Chromium and drive it through
 * the DevTools protocol (over --remote-debugging-pipe: Node's core
 * modules only, no npm package): fail on any console error, uncaught
 * exception or CSP violation, run the checks given, save a screenshot.
 *
 *   html_check.js PAGE.html SCREENSHOT.png CHECK...
 *
 * A CHECK is "ns=NS,status=S1+S2,diff=0|1:N": after setting the filters
 * (namespace NS or "" for all, the checked status boxes, "differs only")
 * exactly N case rows are visible, and the "shown" counter says N.
 * Exit 0 ok, 1 a check failed, 2 usage or browser trouble.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [page, shot, ...checks] = process.argv.slice(2);
if (!page || !shot) {
  process.stderr.write('usage: html_check.js PAGE.html SCREENSHOT.png CHECK...\n');
  process.exit(2);
}
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nsc-chromium-'));
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-quic', '--user-data-dir=' + profile, '--remote-debugging-pipe',
  '--window-size=1280,900', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });

let stderr = '';
browser.stdio[2].on('data', (d) => { stderr += d; });
const problems = [];
const pending = new Map();
const waiters = [];
let nextId = 1;
let buf = Buffer.alloc(0);

let closing = false;
function cleanup() {
  try { browser.kill('SIGKILL'); } catch (e) { /* gone */ }
  // Chromium's helpers may still write into the profile for a moment.
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch (e) {
    process.stderr.write('html_check: note: profile ' + profile + ' not removed: ' + e.message + '\n');
  }
}
function die(msg, code) {
  process.stderr.write('html_check: ' + msg + '\n');
  cleanup();
  process.exit(code);
}
const timer = setTimeout(() => die('timed out; chromium said: ' + stderr.slice(-500), 2), 60000);

browser.on('error', (e) => die('cannot start ' + chromium + ': ' + e.message, 2));
const exitedP = new Promise((resolve) => browser.on('exit', () => resolve()));
browser.on('exit', (code) => {
  if (pending.size && !closing) die('chromium exited (' + code + '): ' + stderr.slice(-500), 2);
});
browser.stdio[4].on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  let nul;
  while ((nul = buf.indexOf(0)) >= 0) {
    const msg = JSON.parse(buf.subarray(0, nul).toString('utf8'));
    buf = buf.subarray(nul + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      event(msg);
    }
  }
});

function send(method, params, sessionId) {
  const id = nextId++;
  const msg = { id, method, params: params || {} };
  if (sessionId) msg.sessionId = sessionId;
  browser.stdio[3].write(JSON.stringify(msg) + '\0');
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function waitFor(method) {
  return new Promise((resolve) => waiters.push({ method, resolve }));
}
function event(msg) {
  const p = msg.params || {};
  if (msg.method === 'Runtime.exceptionThrown')
    problems.push('exception: ' + JSON.stringify(p.exceptionDetails).slice(0, 300));
  if (msg.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert'))
    problems.push('console.' + p.type + ': ' + JSON.stringify(p.args).slice(0, 300));
  if (msg.method === 'Log.entryAdded' && p.entry && p.entry.level === 'error')
    problems.push('log: ' + p.entry.text);
  for (let i = 0; i < waiters.length; i++) {
    if (waiters[i].method === msg.method) {
      waiters.splice(i, 1)[0].resolve(p);
      i--;
    }
  }
}

async function evaluate(session, expr) {
  const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true }, session);
  if (r.exceptionDetails) throw new Error('evaluate: ' + JSON.stringify(r.exceptionDetails));
  return r.result.value;
}

// Set the filters like a user would (select + change event, clicks on boxes).
function filterScript(ns, statuses, diff) {
  return `(() => {
    const sel = document.getElementById('f-ns');
    sel.value = ${JSON.stringify(ns)};
    sel.dispatchEvent(new Event('change'));
    const want = ${JSON.stringify(statuses)};
    for (const b of document.querySelectorAll('input.f-st'))
      if (b.checked !== want.includes(b.value)) b.click();
    const d = document.getElementById('f-diff');
    if (d.checked !== ${diff ? 'true' : 'false'}) d.click();
    const rows = [...document.querySelectorAll('tr.case')].filter((tr) => !tr.hidden);
    return { visible: rows.length, shown: document.getElementById('shown').textContent,
             ids: rows.map((tr) => tr.id) };
  })()`;
}

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Runtime.enable', {}, sessionId);
  await send('Log.enable', {}, sessionId);
  await send('Page.enable', {}, sessionId);
  const loaded = waitFor('Page.loadEventFired');
  await send('Page.navigate', { url: 'file://' + path.resolve(page) }, sessionId);
  await loaded;
  const title = await evaluate(sessionId, 'document.title');
  const total = await evaluate(sessionId, "document.querySelectorAll('tr.case').length");
  let failed = 0;
  for (const check of checks) {
    const m = /^ns=([a-z]*),status=([A-Za-z+]*),diff=([01]):([0-9]+)$/.exec(check);
    if (!m) die('bad check ' + check, 2);
    const got = await evaluate(sessionId, filterScript(m[1], m[2] ? m[2].split('+') : [], m[3] === '1'));
    const ok = got.visible === Number(m[4]) && got.shown === m[4];
    process.stdout.write(`${ok ? 'ok' : 'FAIL'}: ${check}: ${got.visible} rows visible, counter ${got.shown}\n`);
    if (!ok) failed++;
  }
  // Back to everything for the screenshot.
  await evaluate(sessionId, filterScript('', ['PASS', 'FAIL', 'SKIP', 'ERROR', 'absent'], false));
  const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId);
  fs.writeFileSync(shot, Buffer.from(data, 'base64'));
  // Let late console messages arrive.
  await new Promise((r) => setTimeout(r, 200));
  for (const p of problems) process.stdout.write('FAIL: ' + p + '\n');
  process.stdout.write(`html_check: "${title}", ${total} case rows, ${checks.length} checks, ` +
    `${problems.length} console errors, screenshot ${shot}\n`);
  closing = true;
  send('Browser.close').catch(() => {});
  await Promise.race([exitedP, new Promise((r) => setTimeout(r, 5000))]);
  clearTimeout(timer);
  cleanup();
  process.exit(failed || problems.length ? 1 : 0);
}
main().catch((e) => die(e.stack || String(e), 2));
