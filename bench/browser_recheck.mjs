// The playground's re-check in a real browser: the built wasm (web-playground/pkg/, from
// ./scripts/build-wasm.sh) in headless chromium, run on a file with one number edited each time,
// as the editor's worker does on a keystroke: once through the stateless `check` (the whole text
// parsed and checked), once through the editor's `Checker` (the set kept between calls, only the
// edited item parsed again and the edited document's checks run again). Prints each run and the
// median of each.
//
//   cargo run --release -p zhengce-bench --bin gen-corpus -- lines 5000 /tmp/lines5000.zc
//   node bench/browser_recheck.mjs /tmp/lines5000.zc [RUNS]
//
// With --keystroke, the real page instead (web-playground/dist, from `npm run build` there, or
// ./scripts/test-playground.sh): it opens with the largest seed (山西), goes to the first 值, and
// times from a key's keydown to the editor's red underline appearing (typing 「@」 makes a syntax
// error) and going again (Backspace), RUNS times each:
//
//   node bench/browser_recheck.mjs --keystroke [RUNS]
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
const keystroke = process.argv[2] === '--keystroke';
const [file, runsArg] = keystroke ? [null, process.argv[3]] : process.argv.slice(2);
if (!file && !keystroke) {
  console.error('usage: node bench/browser_recheck.mjs FILE.zc [RUNS] | --keystroke [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 15);
const text = keystroke ? '' : readFileSync(file, 'utf8');
const dist = resolve(process.env.DIST || join(repo, 'web-playground/dist'));

const { chromium } = await import(
  pathToFileURL(join(repo, 'web-playground/node_modules/playwright-core/index.mjs')).href
);

const page = `<!doctype html><meta charset="utf-8"><title>recheck</title>
<script type="module">
import init, { check, Checker } from './pkg/zhengce_playground.js';
window.recheck = async (runs) => {
  await init();
  const text = await (await fetch('./input.zc')).text();
  // The first 值 of a target, as the criterion bench edits it (bench/benches/compile.rs).
  const at = text.indexOf('值：') + 2;
  let digits = 0;
  while (/[0-9]/.test(text[at + digits])) digits++;
  const checker = new Checker();
  const times = { check: [], checker: [] };
  let errors = 0;
  for (const [name, run] of [['check', check], ['checker', (r) => checker.check(r)]]) {
    for (let i = 0; i < runs + 3; i++) {
      const edited = text.slice(0, at) + String(100 + (i % 900)) + text.slice(at + digits);
      const request = JSON.stringify({ files: [{ name: 'lines.zc', text: edited }] });
      const start = performance.now();
      const answer = run(request);
      const ms = performance.now() - start;
      const parsed = JSON.parse(answer);
      if (!parsed.ok) throw new Error(answer.slice(0, 500));
      errors = parsed.result.errors;
      if (i >= 3) times[name].push(ms);
    }
  }
  return { times, errors, agent: navigator.userAgent };
};
</script>`;

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  try {
    if (keystroke) {
      // The built page, as `zhengce serve` sends it.
      const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      if (rel.includes('..')) throw new Error('outside');
      const path = join(dist, rel);
      const ext = path.slice(path.lastIndexOf('.'));
      const type = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', ...types }[ext];
      res.writeHead(200, { 'content-type': type || 'application/octet-stream' });
      res.end(readFileSync(path));
    } else if (url.pathname === '/') {
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
const report = (label, times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${label} runs (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
  console.log(
    `${label} median of ${times.length}: ${median.toFixed(1)} ms (min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)})`,
  );
};

try {
  const tab = context.pages()[0] ?? (await context.newPage());
  tab.on('pageerror', (err) => console.error('page error:', err.message));
  await tab.goto(base);
  if (keystroke) {
    await keystrokes(tab);
  } else {
    await tab.waitForFunction(() => typeof window.recheck === 'function');
    const { times, errors, agent } = await tab.evaluate((n) => window.recheck(n), runs);
    const lines = text.split('\n').length - 1;
    console.log(`${agent}`);
    console.log(`${file}: ${lines} lines, ${Buffer.byteLength(text)} bytes; ${errors} errors`);
    report('check (whole text)', times.check);
    report('Checker (incremental)', times.checker);
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

/** Keystroke to underline in the real page: RUNS times 「@」 (a red underline appears) and
 * Backspace (it goes), each timed from keydown to the page drawing the check's findings for that
 * keystroke (`#status[data-checked]`, set after the editor's diagnostics are replaced) and, for
 * 「@」, to the red underline's appearing in the editor's DOM. (Backspace's underline goes with
 * the character at once: the editor drops a diagnostic whose text is deleted.) */
async function keystrokes(tab) {
  const step = (what) => process.env.DEBUG && console.error(`… ${what}`);
  step('waiting for the first build');
  await tab.waitForSelector('#status[data-state="done"]', { timeout: 60_000 });
  const agent = await tab.evaluate(() => navigator.userAgent);
  // The page opens with 山西 (policies/山西-打赢脱贫攻坚战实施意见.zc): go to the end of the first
  // 值 line past the middle of the file with the editor's own 「go to line」.
  const seed = readFileSync(join(repo, 'policies/山西-打赢脱贫攻坚战实施意见.zc'), 'utf8');
  const lines = seed.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('值：')) + 1;
  await tab.click('.cm-content');
  await tab.keyboard.press('Control+Alt+g');
  await tab.keyboard.type(String(line));
  await tab.keyboard.press('Enter');
  await tab.keyboard.press('End');
  step(`at the end of line ${line}: ${lines[line - 1].trim()}`);
  await tab.evaluate(() => {
    window.keydownAt = 0;
    document.addEventListener('keydown', () => (window.keydownAt = performance.now()), true);
  });
  const appear = [];
  const disappear = [];
  const underlines = [];
  for (let i = 0; i < runs + 2; i++) {
    for (const [key, list] of [['@', appear], ['Backspace', disappear]]) {
      step(`press ${key}`);
      // Watch the red underlines from before the key, until their number changes.
      await tab.evaluate(() => {
        const count = () => document.querySelectorAll('.cm-lintRange-error').length;
        const status = document.getElementById('status');
        const before = [count(), status.dataset.checked];
        const changed = (now, target) =>
          new Promise((done, fail) => {
            setTimeout(() => fail(new Error(`no change (${before})`)), 20_000);
            const observer = new MutationObserver(() => {
              if (now()) {
                observer.disconnect();
                done(performance.now() - window.keydownAt);
              }
            });
            observer.observe(target, { subtree: true, childList: true, attributes: true });
          });
        window.underline = changed(() => count() !== before[0], document.querySelector('.cm-editor'));
        window.drawn = changed(() => status.dataset.checked !== before[1], status);
      });
      await tab.keyboard.press(key);
      const drawn = await tab.evaluate(() => window.drawn);
      const underline = await tab.evaluate(() => window.underline);
      if (i >= 2) {
        list.push(drawn);
        if (key === '@') underlines.push(underline);
      }
      // Let the debounced build of the views run between keystrokes, as after a pause in typing.
      await tab.waitForSelector('#status[data-state="done"]', { timeout: 60_000 });
    }
  }
  console.log(agent);
  console.log(`the page with its default example, 山西 (${seed.length} chars), typing at line ${line}`);
  report('「@」 → findings drawn', appear);
  report('「@」 → red underline in the DOM', underlines);
  report('Backspace → findings drawn', disappear);
}
