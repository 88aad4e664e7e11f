// 情景测算: pick a 标准/补助, give its facts, see what it gives and the clauses that decided it.
import type {
  Amount,
  Answer,
  Evaluation,
  ExampleResult,
  Fact,
  FactInput,
  Program,
  Rule,
} from '../../../src/types';
import { amountText, caseText, dateText, quantityText, unitText } from '../values';
import { empty, h } from './dom';
import type { Jump } from './jump';

export interface ScenarioDeps {
  evaluate: (rule: string, facts: Record<string, FactInput>) => Promise<Answer<Evaluation>>;
  examples: () => Promise<Answer<ExampleResult[]>>;
  canEvaluate: boolean;
  canRunExamples: boolean;
  jump: Jump;
  /** Remembered between renders: the rule chosen and the values typed. */
  memory: { rule?: string; facts: Record<string, string> };
}

interface RuleRef {
  doc: number;
  rule: Rule;
}

function allRules(program: Program): RuleRef[] {
  return program.documents.flatMap((d, doc) => (d.rules ?? []).map((rule) => ({ doc, rule })));
}

function findFact(program: Program, doc: number, name: string): Fact | undefined {
  const docs = [program.documents[doc], ...program.documents];
  for (const d of docs) {
    const f = (d?.facts ?? []).find((f) => f.name === name);
    if (f) return f;
  }
  return undefined;
}

/** The facts a rule reads: its conditions, its tiers, the bases of its shares (through other
 * rules), the count a rate per unit multiplies, and a date when validity or 自 matters. */
function ruleFacts(program: Program, ref: RuleRef, seen = new Set<string>()): Fact[] {
  const names: string[] = [];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  seen.add(ref.rule.name);
  const rules = allRules(program);
  const amounts: Amount[] = [];
  for (const c of ref.rule.conditions ?? []) add(c.fact);
  const body = ref.rule.body;
  if (body.type === 'tiered') {
    add(body.by);
    amounts.push(...body.rows.map((r) => r.amount));
  } else if (body.type === 'fixed') {
    amounts.push(body.amount);
  }
  const result: Fact[] = [];
  const facts = program.documents[ref.doc]?.facts ?? [];
  for (const a of amounts) {
    if (a.type === 'share') {
      const base = rules.find((r) => r.rule.name === a.base);
      if (base && !seen.has(base.rule.name)) {
        for (const f of ruleFacts(program, base, seen)) add(f.name);
      } else {
        add(a.base);
      }
    }
    const per = a.type === 'quantity' ? a.quantity.unit?.per?.[0] : undefined;
    if (per) {
      for (const f of facts) {
        if (f.kind.type === 'quantity' && f.kind.unit.atom === per && !f.kind.unit.per?.length) add(f.name);
      }
    }
    if (a.type === 'change') {
      for (const f of facts) if (f.kind.type === 'date') add(f.name);
    }
  }
  if (ref.rule.valid_years || ref.rule.since) {
    for (const f of facts) if (f.kind.type === 'date') add(f.name);
  }
  for (const n of names) {
    const f = findFact(program, ref.doc, n);
    if (f && !result.includes(f)) result.push(f);
  }
  return result;
}

function input(fact: Fact, value: string, onChange: (v: string) => void): HTMLElement {
  const kind = fact.kind;
  if (kind.type === 'category') {
    const select = h('select', { 'data-fact': fact.name, onchange: () => onChange(select.value) },
      h('option', { value: '' }, '(未指定)'),
      kind.values.map((v) => h('option', { value: v, selected: v === value }, v)));
    return select;
  }
  if (kind.type === 'date') {
    const el = h('input', { type: 'date', value, 'data-fact': fact.name, oninput: () => onChange(el.value) });
    return el;
  }
  const unit = `${kind.scale ?? ''}${unitText(kind.unit)}`;
  const el = h('input', { type: 'text', inputmode: 'decimal', value, placeholder: '数量', 'data-fact': fact.name, oninput: () => onChange(el.value) });
  return h('span', { className: 'qty' }, el, h('span', { className: 'unit' }, unit));
}

function ruleCard(ref: RuleRef, jump: Jump): HTMLElement {
  const r = ref.rule;
  const rows: (HTMLElement | null)[] = [
    r.beneficiary?.length ? h('div', null, h('b', null, '对象：'), r.beneficiary.join('、')) : null,
    ...(r.conditions ?? []).map((c) => h('div', null, h('b', null, '条件：'), `${c.fact} ${caseText(c.test)}`)),
    r.body.type === 'fixed' ? h('div', null, h('b', null, '金额：'), amountText(r.body.amount)) : null,
    r.floor ? h('div', null, h('b', null, '下限：'), quantityText(r.floor)) : null,
    r.cap ? h('div', null, h('b', null, '上限：'), quantityText(r.cap)) : null,
    r.valid_years ? h('div', null, h('b', null, '有效期：'), `${r.valid_years[0]}年至${r.valid_years[1]}年`) : null,
    r.since ? h('div', null, h('b', null, '自：'), dateText(r.since)) : null,
  ];
  const tiers = r.body.type === 'tiered'
    ? h('table', { className: 'grid tiers' },
        h('thead', null, h('tr', null, h('th', null, `分档(按 ${r.body.by})`), h('th', null, '金额'))),
        h('tbody', null, r.body.rows.map((row) => h('tr', null, h('td', null, caseText(row.case)), h('td', { className: 'num' }, amountText(row.amount))))))
    : null;
  return h('div', { className: 'rule-card' },
    h('h3', null, h('a', { href: '#', className: 'jump', onclick: (e: Event) => { e.preventDefault(); jump(r.origin); } }, `${r.keyword} ${r.name}`)),
    rows, tiers,
    r.origin.quote ? h('blockquote', null, `“${r.origin.quote}”`) : null);
}

function evaluation(ev: Evaluation): HTMLElement {
  const amount = ev.applies
    ? h('div', { className: 'amount', id: 'scenario-amount' }, ev.amount?.text ?? '(本条未规定金额)')
    : h('div', { className: 'amount not-applies', id: 'scenario-amount' }, '不适用');
  return h('div', { className: 'evaluation' },
    amount,
    ev.reason ? h('p', { className: 'reason' }, ev.reason) : null,
    ev.failed_conditions?.length
      ? h('ul', null, ev.failed_conditions.map((c) => h('li', null, `条件「${c.condition}」不成立(给定 ${c.given})`)))
      : null,
    ev.trace?.length
      ? h('div', null, h('h4', null, '依据(求值步骤)'),
          h('ol', { className: 'trace' }, ev.trace.map((step) => h('li', null,
            h('span', { className: 'clause' }, step.clause), ' ', step.detail,
            h('span', { className: 'origin' }, step.origin),
            step.quote ? h('blockquote', null, `原文:“${step.quote}”`) : null))))
      : null);
}

export function renderScenario(program: Program | null, deps: ScenarioDeps): HTMLElement {
  if (!program) return empty('文件有错误,无法编译;请先修正「问题」中的错误。');
  const rules = allRules(program);
  const examplesBox = h('div', { className: 'examples-results' });
  if (deps.canRunExamples && program.documents.some((d) => d.examples?.length)) {
    void deps.examples().then((answer) => {
      if (!answer.ok) {
        examplesBox.append(h('p', { className: 'error' }, answer.error.message));
        return;
      }
      const results = answer.result;
      const passed = results.filter((r) => r.status === 'pass').length;
      examplesBox.append(
        h('h4', null, `文件中的例:${results.length} 个,通过 ${passed} 个`),
        h('table', { className: 'grid' },
          h('thead', null, h('tr', null, ['例', '问题', '期望', '实际', '结果'].map((c) => h('th', null, c)))),
          h('tbody', null, results.map((r) => h('tr', null,
            h('td', null, r.name), h('td', null, r.question), h('td', null, r.expected ?? ''),
            h('td', null, r.actual ?? ''),
            h('td', { className: r.status.startsWith('pass') ? 'ok' : 'bad' }, statusWord(r.status)))))));
    });
  }
  if (rules.length === 0) {
    return h('div', null, empty('本文件没有「标准」或「补助」可以测算。'), examplesBox);
  }
  const memory = deps.memory;
  let current = rules.find((r) => r.rule.name === memory.rule) ?? rules[0];
  memory.rule = current.rule.name;

  const select = h('select', { id: 'rule-select', onchange: () => {
    current = rules[Number(select.value)];
    memory.rule = current.rule.name;
    draw();
  } }, rules.map((r, i) => h('option', { value: String(i), selected: r === current }, `${r.rule.keyword} ${r.rule.name}`)));

  const card = h('div');
  const form = h('div', { className: 'facts' });
  const out = h('div', { className: 'scenario-result' });
  let seq = 0;

  const run = async () => {
    const mine = ++seq;
    if (!deps.canEvaluate) {
      out.replaceChildren(h('p', { className: 'pending', id: 'scenario-pending' }, '此版本未包含求值器:只能显示规则本身,不能计算金额。'));
      return;
    }
    const facts: Record<string, FactInput> = {};
    for (const [k, v] of Object.entries(memory.facts)) if (v.trim() !== '') facts[k] = v;
    const answer = await deps.evaluate(current.rule.name, facts);
    if (mine !== seq) return;
    out.replaceChildren(answer.ok ? evaluation(answer.result) : h('p', { className: 'error', id: 'scenario-error' }, answer.error.message));
  };

  const draw = () => {
    card.replaceChildren(ruleCard(current, deps.jump));
    const facts = ruleFacts(program, current);
    const shown = facts.length ? facts : (program.documents[current.doc]?.facts ?? []);
    form.replaceChildren(
      shown.length ? h('h4', null, '事实(输入)') : h('p', { className: 'empty' }, '本条不需要输入事实。'),
      ...shown.map((f) => h('label', { className: 'fact' },
        h('span', { className: 'fact-name' }, f.name),
        input(f, memory.facts[f.name] ?? '', (v) => {
          memory.facts[f.name] = v;
          void run();
        }))));
    void run();
  };
  draw();

  return h('div', { className: 'scenario', 'data-view': 'scenario' },
    h('label', { className: 'rule-pick' }, '规则：', select),
    h('div', { className: 'scenario-grid' }, h('div', null, card), h('div', null, form, out)),
    examplesBox);
}

function statusWord(status: ExampleResult['status']): string {
  return { pass: '通过', fail: '不通过', error: '无法回答' }[status] ?? status;
}
