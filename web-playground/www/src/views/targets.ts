// 目标: every target with its value, deadline and breakdowns as the document writes them, whether
// the parts add up, and the findings about it on its own row.
import type { AnnualRate, IrDocument, Quantity, Target, YearAmount } from '../../../src/types';
import { findingsOf, SEVERITY_WORD, worst, type Finding } from '../findings';
import { amountText, cmpText, deadlineText, dec, decCmp, quantityText, sumText } from '../values';
import { empty, h, scopeTag } from './dom';
import type { Jump } from './jump';

/** 2017年42万户、2020年前63万户: each year with what followed it in the text (前, 底, 末). */
function yearList(items: YearAmount[]): string {
  return items.map((y) => `${y.year}年${y.suffix ?? ''}${quantityText(y.quantity)}`).join('、');
}

/** 14万户，自2015年起: the rate with its years as written; years taken from the target's 期间
 * are said to be so, and a rate with no years runs every year. */
function rateText(r: AnnualRate): string {
  const amount = cmpText(r.cmp, quantityText(r.quantity));
  if (r.years_text) return `${amount}，${r.years_text}`;
  if (r.from_year !== undefined || r.to_year !== undefined) {
    return `${amount}(按期间 ${r.from_year ?? ''}—${r.to_year ?? ''}年)`;
  }
  return amount;
}

/** 合计 badge: whether the parts make the stated value (only for a plain = quantity). */
function sumCheck(target: Target, parts: Quantity[]): HTMLElement | null {
  if (parts.length === 0) return null;
  const { text, sum } = sumText(parts);
  const v = target.value;
  if (!v || v.type !== 'quantity' || v.cmp !== 'eq') {
    return h('span', { className: 'sum' }, `合计 ${text}`);
  }
  const same = decCmp(sum, dec(v.quantity.value)) === 0;
  return h(
    'span',
    { className: same ? 'sum ok' : 'sum bad', title: same ? '合计与目标值一致' : '合计与目标值不符' },
    same ? `合计 ${text} ✓` : `合计 ${text} ≠ ${quantityText(v.quantity)}`,
  );
}

function breakdown(target: Target): HTMLElement {
  const rows: HTMLElement[] = [];
  if (target.yearly?.length) {
    rows.push(
      h('div', { 'data-part': 'yearly' }, h('b', null, '分年度：'), yearList(target.yearly), ' ',
        sumCheck(target, target.yearly.map((y) => y.quantity))),
    );
  }
  if (target.parts?.length) {
    rows.push(
      h('div', { 'data-part': 'parts' }, h('b', null, '分项：'),
        target.parts.map((p) => `${p.name}${quantityText(p.quantity)}`).join('、'), ' ',
        sumCheck(target, target.parts.map((p) => p.quantity))),
    );
  }
  if (target.cumulative?.length) {
    rows.push(h('div', { 'data-part': 'cumulative' }, h('b', null, '累计：'), yearList(target.cumulative)));
  }
  if (target.levels?.length) {
    rows.push(h('div', { 'data-part': 'levels' }, h('b', null, '节点：'), yearList(target.levels)));
  }
  if (target.rate) {
    rows.push(h('div', { 'data-part': 'rate' }, h('b', null, '每年：'), rateText(target.rate)));
  }
  return h('div', { className: 'breakdown' }, rows.length ? rows : '—');
}

/** The findings about a target, under its name: a breakdown that does not sum, a rate that does
 * not reach the milestones, a value weaker than the upper file's… A finding belongs to the row
 * whose span holds its primary label (findings.ts). */
function rowFindings(list: Finding[], open: (f: Finding) => void): HTMLElement | null {
  if (list.length === 0) return null;
  return h('ul', { className: 'row-findings' }, list.map((f) => h('li', {
    className: `finding finding-${f.severity}`,
    'data-code': f.d.code,
    title: '在编辑器中显示',
    onclick: () => open(f),
  }, h('b', null, `${SEVERITY_WORD[f.severity]} ${f.d.code}`), ' ', f.message)));
}

export function renderTargets(
  doc: IrDocument,
  jump: Jump,
  findings: Finding[] = [],
  open: (f: Finding) => void = () => {},
): HTMLElement {
  const targets = doc.targets ?? [];
  if (targets.length === 0) return empty('本文件没有「目标」或「现状」。');
  const body = targets.map((t) => {
    const mine = findingsOf(findings, t.origin);
    const sev = worst(mine);
    return h('tr', {
      className: sev ? `has-finding finding-${sev}` : null,
      'data-target': t.name,
      'data-codes': mine.length ? mine.map((f) => f.d.code).join(' ') : null,
    },
      h('td', null, h('a', { href: '#', className: 'jump', onclick: (e: Event) => { e.preventDefault(); jump(t.origin); } }, t.name),
        t.keyword === '现状' ? h('span', { className: 'tag' }, '现状') : null,
        scopeTag(t.scope),
        rowFindings(mine, open)),
      h('td', null, t.metric ?? ''),
      h('td', { className: 'num' }, t.value ? amountText(t.value) : (t.value_text ?? '')),
      h('td', null, deadlineText(t.deadline)),
      h('td', null, breakdown(t)),
      h('td', null, (t.lead ?? []).join('、')),
    );
  });
  return h('table', { className: 'grid targets', 'data-view': 'targets' },
    h('thead', null, h('tr', null, ['名称', '指标', '目标值', '期限', '分解', '牵头'].map((c) => h('th', null, c)))),
    h('tbody', null, body),
  );
}
