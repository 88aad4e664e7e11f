// 截至某日: which measures and targets are overdue, due, upcoming or done on a day, for one
// department or all (the runtime's `due`), under the timeline. A target is marked 目标 and names
// the measure it is stated in.
import type { Answer, DueItem, DueReport, IrDocument } from '../../../src/types';
import { dateText } from '../values';
import { h } from './dom';

const STATUS_WORD: Record<string, string> = {
  overdue: '逾期',
  due: '到期',
  upcoming: '未到期',
  open_ended: '长期或待事件',
  unresolved: '日期未定',
  no_deadline: '没有期限',
  completed: '已完成',
};

export interface DueDeps {
  due: (asOf: string, department: string) => Promise<Answer<DueReport>>;
  memory: { asOf?: string; department?: string };
}

export function renderDue(doc: IrDocument, deps: DueDeps): HTMLElement {
  const memory = deps.memory;
  const asOf = h('input', { type: 'date', id: 'due-as-of', value: memory.asOf ?? doc.date ?? '' });
  const dept = h('select', { id: 'due-department' },
    h('option', { value: '' }, '全部部门'),
    (doc.departments ?? []).map((d) => h('option', { value: d.name, selected: d.name === memory.department }, d.name)));
  const out = h('div', { className: 'due-result' });
  let seq = 0;
  const run = async () => {
    memory.asOf = asOf.value;
    memory.department = dept.value;
    if (!asOf.value) {
      out.replaceChildren(h('p', { className: 'empty' }, '选择一个日期,列出当日逾期、到期和未到期的措施和目标。'));
      return;
    }
    const mine = ++seq;
    const answer = await deps.due(asOf.value, dept.value);
    if (mine !== seq) return;
    if (!answer.ok) {
      out.replaceChildren(h('p', { className: 'error' }, answer.error.message));
      return;
    }
    const report = answer.result;
    const counts = Object.entries(report.counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => h('span', { className: `chip due-${k}` }, `${STATUS_WORD[k] ?? k} ${n}`));
    const rows = report.items.filter((i) => i.status !== 'no_deadline');
    out.replaceChildren(
      h('p', null, `截至 ${dateText(report.as_of)}:`, counts),
      rows.length
        ? h('table', { className: 'grid due', 'data-view': 'due' },
            h('thead', null, h('tr', null, ['状态', '措施或目标', '期限', '牵头', '责任单位'].map((c) => h('th', null, c)))),
            h('tbody', null, rows.map((i: DueItem) => h('tr', { className: `due-${i.status}` },
              h('td', { className: 'num' }, STATUS_WORD[i.status] ?? i.status,
                i.days_left !== undefined && i.days_left !== null && i.status !== 'completed'
                  ? h('small', null, i.days_left < 0 ? `(过期 ${-i.days_left} 天)` : `(剩 ${i.days_left} 天)`) : null),
              h('td', null,
                i.kind === 'target' ? h('span', { className: 'tag' }, '目标') : null,
                `${i.number ? i.number + ' ' : ''}${i.name}`,
                i.kind === 'target' && i.parent ? h('small', null, `(所在措施:${i.parent})`) : null),
              h('td', null, i.deadline_text ?? '', i.reason ? h('small', null, `(${i.reason})`) : null),
              h('td', null, (i.lead ?? []).join('、')),
              h('td', null, (i.responsible ?? []).join('、'))))))
        : h('p', { className: 'empty' }, '没有带期限的措施或目标。'));
  };
  asOf.addEventListener('change', () => void run());
  dept.addEventListener('change', () => void run());
  void run();
  return h('section', { className: 'due-panel' },
    h('h3', null, '截至某日的措施和目标'),
    h('div', { className: 'due-form' }, h('label', null, '日期：', asOf), ' ', h('label', null, '部门：', dept)),
    out);
}
