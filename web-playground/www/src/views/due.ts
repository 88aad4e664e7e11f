// 到期: which measures and targets are overdue, due, upcoming or done on a day, for one department
// or all (the runtime's `due`), in a tab of its own. Every entry the runtime returns is listed with
// its kind (措施, 目标 …), so whatever it learns to report appears here without the page knowing it
// in advance; a target names the measure it is stated in.
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

/** The runtime's names for the kinds of entry, in the words of the language. */
const KIND_WORD: Record<string, string> = {
  duty: '措施',
  measure: '措施',
  target: '目标',
  phase: '阶段',
};

/** An entry's kind in the language's words; a kind this page does not know yet is shown as the
 * runtime names it. */
export function kindOf(item: DueItem): string {
  return KIND_WORD[item.kind] ?? item.kind;
}

export interface DueDeps {
  due: (asOf: string, department: string) => Promise<Answer<DueReport>>;
  memory: { asOf?: string; department?: string };
  /** Several files are checked together: name each entry's file. */
  multiFile?: boolean;
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
      out.replaceChildren(h('p', { className: 'empty' }, '选择一个日期,列出当日逾期、到期和未到期的事项。'));
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
    const heads = ['状态', '类别', '事项', '期限', '牵头', '责任单位', ...(deps.multiFile ? ['文件'] : [])];
    out.replaceChildren(
      h('p', null, `截至 ${dateText(report.as_of)}:`, counts),
      rows.length
        ? h('table', { className: 'grid due', 'data-view': 'due' },
            h('thead', null, h('tr', null, heads.map((c) => h('th', null, c)))),
            h('tbody', null, rows.map((i: DueItem) => h('tr', { className: `due-${i.status}`, 'data-kind': kindOf(i) },
              h('td', { className: 'num' }, STATUS_WORD[i.status] ?? i.status,
                i.days_left !== undefined && i.days_left !== null && i.status !== 'completed'
                  ? h('small', null, i.days_left < 0 ? `(过期 ${-i.days_left} 天)` : `(剩 ${i.days_left} 天)`) : null),
              h('td', { className: 'kind' }, kindOf(i)),
              h('td', null, `${i.number ? i.number + ' ' : ''}${i.name}`,
                i.parent
                  ? h('small', { className: 'parent' }, i.kind === 'target' ? `(所在措施:${i.parent})` : `(属「${i.parent}」)`)
                  : null),
              h('td', { className: 'deadline', title: i.deadline ? dateText(i.deadline) : '' }, i.deadline_text ?? dateText(i.deadline),
                i.reason ? h('small', null, `(${i.reason})`) : null),
              h('td', null, (i.lead ?? []).join('、')),
              h('td', null, (i.responsible ?? []).join('、')),
              deps.multiFile ? h('td', null, i.file) : null))))
        : h('p', { className: 'empty' }, '没有带期限的事项。'));
  };
  asOf.addEventListener('change', () => void run());
  dept.addEventListener('change', () => void run());
  void run();
  return h('section', { className: 'due-panel', 'data-view': 'due-panel' },
    h('div', { className: 'due-form' }, h('label', null, '截至：', asOf), ' ', h('label', null, '部门：', dept)),
    out);
}
