// The playground's re-check in a real browser: the built wasm (web-playground/pkg/, from
// ./scripts/build-wasm.sh) in headless chromium, its `check` run on a file with one number edited
// each time, as the editor's worker does on a keystroke. Prints each run and the median.
//
//   cargo run --release -p zhengce-bench --bin gen-corpus -- lines 5000 /tmp/lines5000.zc
//   node bench/browser_recheck.mjs /tmp/lines5000.zc [RUNS]
//
// Environment: CHROMIUM (default /usr/bin/chromium), PKG (default web-playground/pkg). Uses
// playwright-core from web-playground/node_modules (`npm ci` there, or scripts/test-playground.sh).
// The page and the wasm are served from 127.0.0.1 by a small server of this script; nothing in
// web-playground/ is written. The timing is `performance.now()` around the wasm call inside the
// page (JSON request in, JSON answer out), after 3 warm-up runs.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const pkg = resolve(process.env.PKG || join(repo, 'web-playground/pkg'));
const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/browser_recheck.mjs FILE.zc [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 15);
const text = readFileSync(file, 'utf8');

const { chromium } = await import(
  pathToFileURL(join(repo, 'web-playground/node_modules/playwright-core/index.mjs')).href
);

const page = `<!doctype html><meta charset="utf-8"><title>recheck</title>
<script type="module">
import init, { check } from './pkg/zhengce_playground.js';
window.recheck = async (runs) => {
  await init();
  const text = await (await fetch('./input.zc')).text();
  // The first 值 of a target, as the criterion bench edits it (bench/benches/compile.rs).
  const at = text.indexOf('值：') + 2;
  let digits = 0;
  while (/[0-9]/.test(text[at + digits])) digits++;
  const times = [];
  let errors = 0;
  for (let i = 0; i < runs + 3; i++) {
    const edited = text.slice(0, at) + String(100 + (i % 900)) + text.slice(at + digits);
    const request = JSON.stringify({ files: [{ name: 'lines.zc', text: edited }] });
    const start = performance.now();
    const answer = check(request);
    const ms = performance.now() - start;
    const parsed = JSON.parse(answer);
    if (!parsed.ok) throw new Error(answer.slice(0, 500));
    errors = parsed.result.errors;
    if (i >= 3) times.push(ms);
  }
  return { times, errors, agent: navigator.userAgent };
};
</script>`;

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  try {
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else if (url.pathname === '/input.zc') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    } else if (url.pathname.startsWith('/pkg/') && !url.pathname.includes('..')) {
      const path = join(pkg, url.pathname.slice('/pkg/'.length));
      const type = types[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type });
      res.end(readFileSync(path));
    } else {
      res.writeHead(404).end();
    }
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const profile = mkdtempSync(join(tmpdir(), 'zhengce-recheck-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const tab = context.pages()[0] ?? (await context.newPage());
  tab.on('pageerror', (err) => console.error('page error:', err.message));
  await tab.goto(base);
  await tab.waitForFunction(() => typeof window.recheck === 'function');
  const { times, errors, agent } = await tab.evaluate((n) => window.recheck(n), runs);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const lines = text.split('\n').length - 1;
  console.log(`${agent}`);
  console.log(`${file}: ${lines} lines, ${Buffer.byteLength(text)} bytes; ${errors} errors`);
  console.log(`runs (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
  console.log(`median of ${times.length}: ${median.toFixed(1)} ms (min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)})`);
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
