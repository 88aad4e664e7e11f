// End-to-end tests of the playground in a real browser: Debian's chromium driven by
// playwright-core, the built page (dist/) served by `zhengce serve` on 127.0.0.1.
//
//   npm test          (after ./scripts/build-wasm.sh, npm run build and a cargo build)
//
// Environment: ZHENGCE_BIN (default ../target/debug/zhengce, then ../target/release/zhengce),
// CHROMIUM (default /usr/bin/chromium). Screenshots go to test-results/ (gitignored).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const playground = resolve(here, '..');
const repo = resolve(playground, '..');
const dist = join(playground, 'dist');
const shots = join(playground, 'test-results');
mkdirSync(shots, { recursive: true });

const PLAN = `文件《测试实施方案》{
  发文机关：测试省扶贫开发领导小组
  成文日期：2016年3月1日
}
部门：省扶贫办
// 𠀀(U+20000)在 UTF-16 中占两个单位:下面的下划线仍须落在正确的字上。

目标 贫困人口脱贫 {
  指标：现行标准下农村贫困人口实现脱贫
  值：232万人
  期限：2020年
  分年度：2016年50万、2017年56万、2018年55万、2019年46万、2020年20万
  牵头：省扶贫办
}
`;

let server;
let context;
let page;
let base;
let profile;

function zhengceBin() {
  const candidates = [
    process.env.ZHENGCE_BIN,
    join(repo, 'target/debug/zhengce'),
    join(repo, 'target/release/zhengce'),
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`zhengce binary not found (tried ${candidates.join(', ')}); run cargo build`);
  return found;
}

/** Starts `zhengce serve --port 0` and resolves with its URL. */
function startServer() {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('dist/index.html missing: run npm run build first');
  }
  const child = spawn(zhengceBin(), ['serve', '--port', '0', '--dir', dist], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('zhengce serve did not start')), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = line.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (!m) reject(new Error(`unexpected: ${line}`));
      else resolveUrl({ child, url: `http://127.0.0.1:${m[1]}/` });
    });
    child.once('exit', (code) => reject(new Error(`zhengce serve exited with ${code}`)));
  });
}

before(async () => {
  const started = await startServer();
  server = started.child;
  base = started.url;
  profile = mkdtempSync(join(tmpdir(), 'zhengce-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => console.error('page error:', err.message));
});

after(async () => {
  await context?.close();
  server?.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Waits until the compile of the current text has been drawn. */
async function compiled() {
  await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
}

async function replaceText(text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await compiled();
}

async function editorText() {
  return page.$eval('.cm-content', (el) => (el.cmTile?.root?.view ?? el.cmView?.view).state.doc.toString());
}

async function openTab(name) {
  await page.click(`.tabs [data-tab="${name}"]`);
  return page.locator(`#view-${name}`);
}

test('the page loads and checks the default plan', async () => {
  await page.goto(base);
  await compiled();
  assert.equal(await page.title(), '政策编译器 · 在线试用');
  assert.match(await page.textContent('h1'), /政策编译器/);
  const options = await page.$$eval('#examples option', (os) => os.map((o) => o.textContent));
  assert.ok(options.length >= 8, `examples: ${options}`);
  await page.screenshot({ path: join(shots, '01-loaded.png') });
});

test('a yearly breakdown that does not sum is underlined, and goes when fixed', async () => {
  await replaceText(PLAN);
  await page.waitForSelector('#diagnostics li[data-code="ZC0201"]');
  const status = await page.$eval('#status', (el) => el.dataset.errors);
  assert.ok(Number(status) >= 1);

  // The underline covers exactly the stated value on its CJK line.
  const underlined = await page.$$eval('.cm-lintRange-error', (els) => els.map((e) => e.textContent).join(''));
  assert.equal(underlined, '232万人');
  const line = await page.$eval('.cm-lintRange-error', (el) => el.closest('.cm-line').textContent);
  assert.equal(line, '  值：232万人');

  // Hovering shows the message.
  await page.hover('.cm-lintRange-error');
  const tooltip = await page.waitForSelector('.cm-tooltip-lint', { timeout: 5_000 });
  assert.match(await tooltip.textContent(), /50\+56\+55\+46\+20=227万人/);
  await page.screenshot({ path: join(shots, '02-breakdown-error.png') });
  await page.mouse.move(5, 5);

  // Clicking the diagnostic in the list selects the underlined characters.
  await page.click('#diagnostics li[data-code="ZC0201"]');
  const selected = await page.evaluate(() => {
    const content = document.querySelector('.cm-content');
    const view = content.cmTile?.root?.view ?? content.cmView?.view;
    const r = view.state.selection.main;
    return view.state.sliceDoc(r.from, r.to);
  });
  assert.equal(selected, '232万人');

  // Fix the last year by typing: 20万 → 25万.
  await page.click('.cm-line:has-text("分年度")');
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('25万');
  await page.waitForFunction(() => !document.querySelector('#diagnostics li[data-code="ZC0201"]'), null, { timeout: 10_000 });
  await compiled();
  assert.equal(await page.$('.cm-lintRange-error'), null);
  assert.match(await editorText(), /2020年25万/);
  await page.screenshot({ path: join(shots, '03-fixed.png') });
});

/** The counts the overview lists for the compiled document. */
async function overviewCounts() {
  const panel = await openTab('overview');
  const rows = await panel.locator('table.kv tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]),
  );
  return Object.fromEntries(rows);
}

test('every seed example renders every view', async () => {
  const options = await page.$$eval('#examples option', (os) =>
    os.filter((o) => o.value !== '').map((o) => ({ value: o.value, label: o.textContent })),
  );
  assert.ok(options.length >= 7);
  const seen = { targets: 0, matrix: 0, timeline: 0, tree: 0, scenario: 0 };
  for (const { value, label } of options) {
    await page.selectOption('#examples', value);
    await compiled();
    assert.equal(await page.inputValue('#file-name'), `${label}.zc`);
    const counts = await overviewCounts();
    assert.ok(counts['标题'], `${label}: no overview`);

    const targets = await openTab('targets');
    const targetRows = await targets.locator('table[data-view="targets"] tbody tr').count();
    assert.equal(targetRows, Number(counts['目标']), `${label}: targets`);
    if (targetRows === 0) assert.match(await targets.textContent(), /没有「目标」/);
    else seen.targets++;
    if (label.startsWith('湖北')) {
      // 范围 reaches the page through the IR: eight of 湖北's targets name one.
      const scopes = await targets.locator('table[data-view="targets"] .tag.scope').allTextContents();
      assert.equal(scopes.length, 8, `${label}: ${scopes}`);
      assert.ok(scopes.includes('范围：深度贫困县'), `${label}: ${scopes}`);
    }

    const matrix = await openTab('matrix');
    const marks = await matrix.locator('table.matrix td.lead, table.matrix td.resp').count();
    assert.ok(marks > 0, `${label}: empty matrix`);
    seen.matrix++;

    const timeline = await openTab('timeline');
    const shapes = await timeline.locator('svg.timeline .mark, svg.timeline .phase').count();
    assert.ok(shapes > 0, `${label}: empty timeline`);
    seen.timeline++;

    const tree = await openTab('tree');
    const items = await tree.locator('ul.tree li').count();
    if (Number(counts['考核']) > 0) {
      assert.ok(items > 0, `${label}: empty tree`);
      seen.tree++;
    } else {
      assert.match(await tree.textContent(), /没有「考核」/);
    }

    const scenario = await openTab('scenario');
    if (Number(counts['标准/补助']) > 0) {
      assert.ok((await scenario.locator('#rule-select option').count()) > 0, `${label}: no rules`);
      seen.scenario++;
    } else {
      assert.match(await scenario.textContent(), /没有「标准」或「补助」/);
    }

    const short = label.split('-')[0];
    if (short === '山西') {
      for (const v of ['targets', 'matrix', 'timeline']) {
        await openTab(v);
        await page.screenshot({ path: join(shots, `04-${short}-${v}.png`) });
      }
    }
    if (short === '中央') {
      await openTab('tree');
      await page.screenshot({ path: join(shots, `05-${short}-tree.png`) });
      await openTab('timeline');
      await page.screenshot({ path: join(shots, `05-${short}-timeline.png`) });
    }
  }
  for (const [view, n] of Object.entries(seen)) assert.ok(n > 0, `${view} never rendered`);
});

test('a scenario evaluates 湖北 以奖代补 to the exact amount', async () => {
  const hubei = await page.$$eval('#examples option', (os) => os.find((o) => o.textContent.startsWith('湖北'))?.value);
  await page.selectOption('#examples', hubei);
  await compiled();
  const scenario = await openTab('scenario');
  const rule = await scenario.locator('#rule-select option', { hasText: '光伏扶贫以奖代补' }).getAttribute('value');
  await page.selectOption('#rule-select', rule);
  await page.selectOption('select[data-fact="县类别"]', '深度贫困县');
  await page.fill('input[data-fact="项目总投资"]', '1000');
  await page.waitForSelector('#scenario-amount, #scenario-pending, #scenario-error', { timeout: 10_000 });
  await page.screenshot({ path: join(shots, '06-scenario.png') });
  // The evaluator is in the wasm: a pending or failed scenario is a failure, not a skip.
  assert.equal(await page.$('#scenario-pending'), null, 'the scenario panel could not evaluate');
  assert.equal(await page.$('#scenario-error'), null, 'the scenario panel reported an error');
  await page.waitForFunction(() => document.querySelector('#scenario-amount')?.textContent === '200万元', null, { timeout: 10_000 });
  const trace = await scenario.locator('.trace li').allTextContents();
  assert.ok(trace.some((s) => s.includes('深度贫困县')), trace.join('\n'));
});

test('截至某日 lists the measures by status under the timeline', async () => {
  const miluo = await page.$$eval('#examples option', (os) => os.find((o) => o.textContent.startsWith('汨罗'))?.value);
  await page.selectOption('#examples', miluo);
  await compiled();
  await openTab('timeline');
  await page.fill('#due-as-of', '2017-05-06');
  await page.dispatchEvent('#due-as-of', 'change');
  await page.waitForSelector('table[data-view="due"] tbody tr', { timeout: 10_000 });
  const statuses = await page.$$eval('table[data-view="due"] tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.ok(statuses.some((s) => /逾期|到期|未到期|已完成/.test(s)), statuses.join(','));
  await page.screenshot({ path: join(shots, '08-due.png'), fullPage: false });
});

test('截至某日 lists targets too, with the measure they are stated in', async () => {
  const longchuan = await page.$$eval('#examples option', (os) => os.find((o) => o.textContent.startsWith('陇川'))?.value);
  await page.selectOption('#examples', longchuan);
  await compiled();
  await openTab('timeline');
  await page.fill('#due-as-of', '2018-06-11');
  await page.dispatchEvent('#due-as-of', 'change');
  await page.waitForSelector('table[data-view="due"] tbody tr', { timeout: 10_000 });
  const rows = await page.$$eval('table[data-view="due"] tbody tr', (trs) => trs.map((tr) => tr.textContent));
  const target = rows.find((r) => r.includes('目标贫困劳动力转移就业'));
  assert.ok(target, rows.join('\n'));
  assert.ok(target.includes('所在措施:加大就业扶贫力度') && target.includes('年内'), target);
});

test('格式化 rewrites the plan in the canonical layout', async () => {
  await replaceText('部门：省扶贫办\n目标 甲 {\n值：5万人\n期限：2020年\n牵头：省扶贫办\n}\n');
  await page.click('#format');
  await page.waitForFunction(() => {
    const content = document.querySelector('.cm-content');
    const view = content.cmTile?.root?.view ?? content.cmView?.view;
    return view.state.doc.toString().includes('\n  值：5万人');
  }, null, { timeout: 10_000 });
  await compiled();
  // One undo restores the text as typed.
  await page.click('.cm-content');
  await page.keyboard.press('Control+Z');
  assert.match(await editorText(), /\n值：5万人/);
});

test('从原文起草 puts a draft of a pasted plan in the editor and checks it at once', async () => {
  const source = [
    '关于印发《某县考核反馈问题整改方案》的通知',
    '2018年5月9日',
    '一、整改措施',
    '(一)精准施策,提高成效。精准分析致贫原因。(牵头部门:县扶贫办,责任单位:县财政局;整改时限:6月10日前)',
    '(二)加快搬迁。到2018年底,完成搬迁1000户以上。',
  ].join('\n');
  await page.click('#draft-open');
  await page.fill('#draft-source', source);
  await page.fill('#draft-name', '某县整改.txt');
  await page.click('#draft-run');
  await page.waitForFunction(() => document.querySelector('#draft-note')?.textContent?.startsWith('已起草'), null, { timeout: 20_000 });
  await compiled();
  const text = await editorText();
  assert.match(text, /文件《某县考核反馈问题整改方案》/);
  assert.match(text, /牵头：县扶贫办/);
  assert.match(text, /期限：6月10日前/);
  assert.match(text, /值：1000户以上/);
  assert.match(text, /来源：某县整改\.txt/);
  assert.equal(await page.inputValue('#file-name'), '某县整改.zc');
  // Checked at once: the draft parses (no ZC00xx) and the checker's findings are listed.
  const codes = await page.$$eval('#diagnostics li[data-code]', (lis) => lis.map((li) => li.dataset.code));
  assert.ok(!codes.some((c) => c.startsWith('ZC00')), codes.join(','));
  assert.match(await page.textContent('#status'), /个错误|没有发现问题/);
  await page.screenshot({ path: join(shots, '10-draft.png') });
  // A text with no Chinese is refused in Chinese, and the editor keeps the draft.
  await page.fill('#draft-source', 'lorem ipsum');
  await page.click('#draft-run');
  await page.waitForFunction(() => document.querySelector('#draft-note')?.textContent?.startsWith('无法起草'), null, { timeout: 20_000 });
  assert.match(await page.textContent('#draft-note'), /汉字/);
  assert.match(await editorText(), /牵头：县扶贫办/);
  await page.click('#draft-close');
});

test('the text survives a reload', async () => {
  await replaceText(PLAN.replace('测试实施方案', '重新加载测试方案'));
  await page.reload();
  await compiled();
  assert.match(await editorText(), /重新加载测试方案/);
});

test('a share link carries the text', async () => {
  await replaceText(PLAN.replace('测试实施方案', '分享链接测试方案'));
  await page.click('#share');
  const url = await page.inputValue('#share-url');
  assert.match(url, /#z=/);
  // Change the text afterwards: the link must still give the shared version.
  await replaceText(PLAN.replace('测试实施方案', '之后改过的方案'));
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForSelector('#status[data-state="done"]');
  const text = await other.$eval('.cm-content', (el) => (el.cmTile?.root?.view ?? el.cmView?.view).state.doc.toString());
  assert.match(text, /分享链接测试方案/);
  assert.equal(new URL(other.url()).hash, '', 'the hash is dropped once loaded');
  await other.close();
});

test('the page keeps working offline once loaded', async () => {
  await page.waitForSelector('body[data-offline-ready="true"]', { timeout: 15_000 });
  // Let the service worker finish caching the files the page sent it.
  await page.waitForTimeout(1_000);
  await context.setOffline(true);
  try {
    await page.reload();
    await compiled();
    assert.match(await editorText(), /之后改过的方案/);
    await replaceText(PLAN);
    await page.waitForSelector('#diagnostics li[data-code="ZC0201"]');
    await page.screenshot({ path: join(shots, '07-offline.png') });
  } finally {
    await context.setOffline(false);
  }
});
