// 考核: each assessment as a tree of items with their points, and whether they add up.
import type { IrDocument, Quantity, Scheme, SchemeItem } from '../../../src/types';
import { dec, decCmp, quantityText, sumText } from '../values';
import { empty, h } from './dom';
import type { Jump } from './jump';

function node(item: SchemeItem, jump: Jump): HTMLElement {
  const children = item.children ?? [];
  const label = h('span', { className: 'tree-label' },
    h('a', { href: '#', className: 'jump', onclick: (e: Event) => { e.preventDefault(); jump(item.origin); } }, item.name),
    item.points ? h('span', { className: 'points' }, quantityText(item.points)) : null,
    childSum(item.points, children));
  if (children.length === 0) return h('li', { className: 'tree-item leaf' }, label);
  return h('li', { className: 'tree-item' },
    h('details', { open: true }, h('summary', null, label),
      h('ul', null, children.map((c) => node(c, jump)))));
}

/** Whether sub-items' points make their parent's. */
function childSum(points: Quantity | undefined, children: SchemeItem[]): HTMLElement | null {
  const parts = children.map((c) => c.points).filter((p): p is Quantity => !!p);
  if (!points || parts.length === 0 || parts.length !== children.length) return null;
  const { text, sum } = sumText(parts);
  const same = decCmp(sum, dec(points.value)) === 0;
  return h('span', { className: same ? 'sum ok' : 'sum bad' }, same ? `合计 ${text} ✓` : `合计 ${text} ≠ ${quantityText(points)}`);
}

function scheme(sc: Scheme, jump: Jump): HTMLElement {
  const top = sc.items.map((i) => i.points).filter((p): p is Quantity => !!p);
  return h('section', { className: 'scheme' },
    h('h3', null,
      h('a', { href: '#', className: 'jump', onclick: (e: Event) => { e.preventDefault(); jump(sc.origin); } }, `考核 ${sc.name}`),
      sc.total ? h('span', { className: 'points' }, `总分 ${quantityText(sc.total)}`) : null,
      childSum(sc.total, sc.items) ?? (top.length ? h('span', { className: 'sum' }, `合计 ${sumText(top).text}`) : null)),
    h('ul', { className: 'tree', 'data-view': 'tree' }, sc.items.map((i) => node(i, jump))),
    sc.adjustments?.length
      ? h('div', { className: 'adjustments' }, h('b', null, '调整(不计入总分)：'),
          sc.adjustments.map((a) => h('span', { className: 'chip' }, `${a.name} ${a.both_ways ? '±' : ''}${quantityText(a.max)}`)))
      : null);
}

export function renderTree(doc: IrDocument, jump: Jump): HTMLElement {
  const schemes = doc.schemes ?? [];
  if (schemes.length === 0) return empty('本文件没有「考核」。');
  return h('div', null, schemes.map((sc) => scheme(sc, jump)));
}
