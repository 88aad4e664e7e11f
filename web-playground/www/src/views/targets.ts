// 目标: every target with its value, deadline and breakdowns, and whether the parts add up.
import type { IrDocument, Quantity, Target, YearAmount } from '../../../src/types';
import { amountText, deadlineText, dec, decCmp, quantityText, sumText } from '../values';
import { empty, h, scopeTag } from './dom';
import type { Jump } from './jump';

function yearList(items: YearAmount[]): string {
  return items.map((y) => `${y.year}年${quantityText(y.quantity)}`).join('、');
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
      h('div', null, h('b', null, '分年度：'), yearList(target.yearly), ' ',
        sumCheck(target, target.yearly.map((y) => y.quantity))),
    );
  }
  if (target.parts?.length) {
    rows.push(
      h('div', null, h('b', null, '分项：'),
        target.parts.map((p) => `${p.name}${quantityText(p.quantity)}`).join('、'), ' ',
        sumCheck(target, target.parts.map((p) => p.quantity))),
    );
  }
  if (target.cumulative?.length) {
    rows.push(h('div', null, h('b', null, '累计：'), yearList(target.cumulative)));
  }
  if (target.levels?.length) {
    rows.push(h('div', null, h('b', null, '节点：'), yearList(target.levels)));
  }
  if (target.rate) {
    const r = target.rate;
    const years = r.from_year || r.to_year ? `(${r.from_year ?? ''}—${r.to_year ?? ''}年)` : '';
    rows.push(h('div', null, h('b', null, '每年：'), quantityText(r.quantity), years));
  }
  return h('div', { className: 'breakdown' }, rows.length ? rows : '—');
}

export function renderTargets(doc: IrDocument, jump: Jump): HTMLElement {
  const targets = doc.targets ?? [];
  if (targets.length === 0) return empty('本文件没有「目标」或「现状」。');
  const body = targets.map((t) =>
    h('tr', null,
      h('td', null, h('a', { href: '#', className: 'jump', onclick: (e: Event) => { e.preventDefault(); jump(t.origin); } }, t.name),
        t.keyword === '现状' ? h('span', { className: 'tag' }, '现状') : null,
        scopeTag(t.scope)),
      h('td', null, t.metric ?? ''),
      h('td', { className: 'num' }, t.value ? amountText(t.value) : (t.value_text ?? '')),
      h('td', null, deadlineText(t.deadline)),
      h('td', null, breakdown(t)),
      h('td', null, (t.lead ?? []).join('、')),
    ),
  );
  return h('table', { className: 'grid targets', 'data-view': 'targets' },
    h('thead', null, h('tr', null, ['名称', '指标', '目标值', '期限', '分解', '牵头'].map((c) => h('th', null, c)))),
    h('tbody', null, body),
  );
}
