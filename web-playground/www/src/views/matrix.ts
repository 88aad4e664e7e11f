// 责任矩阵: measures (措施) down, departments across; 牵 marks the lead, 责 a responsible unit.
import type { Duty, IrDocument } from '../../../src/types';
import { empty, h, scopeTag } from './dom';
import type { Jump } from './jump';

export function renderMatrix(doc: IrDocument, jump: Jump): HTMLElement {
  const duties = (doc.duties ?? []).filter(
    (d) => (d.lead?.length ?? 0) + (d.responsible?.length ?? 0) > 0,
  );
  if (duties.length === 0) return empty('本文件的措施没有写明牵头或责任单位。');

  // Columns: departments in the order the document declares them, then any others named.
  const used = new Set<string>();
  for (const d of duties) for (const n of [...(d.lead ?? []), ...(d.responsible ?? [])]) used.add(n);
  const columns = (doc.departments ?? []).map((d) => d.name).filter((n) => used.has(n));
  for (const n of used) if (!columns.includes(n)) columns.push(n);

  const byId = new Map((doc.duties ?? []).map((d) => [d.id, d]));
  const depth = (d: Duty): number => {
    let n = 0;
    for (let p = d.parent; p !== undefined && n < 20; p = byId.get(p)?.parent) n++;
    return n;
  };
  const leads = new Map<string, number>();
  const resps = new Map<string, number>();

  const rows = duties.map((d) => {
    const cells = columns.map((col) => {
      if (d.lead?.includes(col)) {
        leads.set(col, (leads.get(col) ?? 0) + 1);
        return h('td', { className: d.lead_inherited ? 'cell lead inherited' : 'cell lead',
          title: d.lead_inherited ? `${col}:牵头(承上级措施)` : `${col}:牵头` }, '牵');
      }
      if (d.responsible?.includes(col)) {
        resps.set(col, (resps.get(col) ?? 0) + 1);
        return h('td', { className: 'cell resp', title: `${col}:责任单位` }, '责');
      }
      return h('td', { className: 'cell' });
    });
    const label = `${d.number ? d.number + ' ' : ''}${d.name}`;
    const scope = d.scope?.length ? `(范围：${d.scope.join('、')})` : '';
    return h('tr', null,
      h('th', { className: 'row-head', style: `padding-left:${0.4 + depth(d) * 0.9}em`, title: label + scope },
        h('a', { href: '#', className: 'jump', onclick: (e: Event) => { e.preventDefault(); jump(d.origin); } }, label),
        scopeTag(d.scope)),
      cells);
  });

  const totals = h('tr', { className: 'totals' },
    h('th', { className: 'row-head' }, '合计(牵头/责任)'),
    columns.map((c) => h('td', { className: 'cell' }, `${leads.get(c) ?? 0}/${resps.get(c) ?? 0}`)));

  return h('div', { className: 'matrix-wrap' },
    h('p', { className: 'legend' },
      h('span', { className: 'chip lead' }, '牵'), ' 牵头单位 ',
      h('span', { className: 'chip lead inherited' }, '牵'), ' 承上级措施的牵头 ',
      h('span', { className: 'chip resp' }, '责'), ' 责任单位',
      `　共 ${duties.length} 项措施、${columns.length} 个部门`),
    h('table', { className: 'matrix', 'data-view': 'matrix' },
      h('thead', null, h('tr', null, h('th', { className: 'corner' }, '措施 \\ 部门'),
        columns.map((c) => h('th', { className: 'col-head', title: c }, h('span', null, c))))),
      h('tbody', null, rows, totals)));
}
