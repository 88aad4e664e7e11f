// 时间轴: phases as bars, deadlines of measures and targets as marks on one date axis (inline SVG),
// and below it every dated item in date order. A bar or mark a finding about time concerns is
// drawn with a ring in the finding's colour, and its row in the list names the codes.
import type { IrDocument, Origin } from '../../../src/types';
import { findingLines, findingsByItem, worst, type Finding } from '../findings';
import { dateText } from '../values';
import { empty, h, s } from './dom';
import type { Jump } from './jump';

/** The findings about dates: the time checks (ZC04xx: a deadline before the document or outside
 * its period or phase, a sub-measure due after its parent, phases that overlap…), a deadline
 * later than the upper file's (ZC0803) and an overdue one (ZC1001). Other findings about a
 * measure (no lead, say) do not mark its deadline. */
const isAboutTime = (f: Finding) => f.d.code.startsWith('ZC04') || f.d.code === 'ZC0803' || f.d.code === 'ZC1001';

const DAY = 86_400_000;

function time(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

interface Mark {
  date: string;
  name: string;
  kind: '措施' | '目标' | '完成';
  origin: Origin;
  findings: Finding[];
}

interface Bar {
  name: string;
  schedule: string;
  start?: string;
  end?: string;
  origin: Origin;
  findings: Finding[];
}

export function renderTimeline(doc: IrDocument, jump: Jump, available = 960, findings: Finding[] = []): HTMLElement {
  // Which item each finding about time concerns: every label of it, primary or not (ZC0402
  // labels the sub-measure's deadline and its parent's; ZC0405 both phases), is placed in the
  // innermost phase, measure or target whose span holds it (findings.ts). Measures without a
  // date are included, so a finding on one does not fall through to its parent's deadline.
  const phases = doc.phases ?? [];
  const duties = doc.duties ?? [];
  const targets = doc.targets ?? [];
  const items = [...phases.map((p) => p.origin), ...duties.map((d) => d.origin), ...targets.map((t) => t.origin)];
  const byItem = findingsByItem(findings, items, isAboutTime);
  const about = (i: number) => byItem.get(i) ?? [];

  const bars: Bar[] = [];
  phases.forEach((p, i) => {
    if (p.start || p.end) bars.push({ name: p.name, schedule: p.schedule, start: p.start, end: p.end, origin: p.origin, findings: about(i) });
  });
  const marks: Mark[] = [];
  duties.forEach((d, i) => {
    const mine = about(phases.length + i);
    if (d.deadline.type === 'by') marks.push({ date: d.deadline.date, name: d.name, kind: '措施', origin: d.origin, findings: mine });
    if (d.completed) marks.push({ date: d.completed, name: d.name, kind: '完成', origin: d.origin, findings: [] });
  });
  targets.forEach((t, i) => {
    if (t.deadline?.type === 'by') marks.push({ date: t.deadline.date, name: t.name, kind: '目标', origin: t.origin, findings: about(phases.length + duties.length + i) });
  });
  if (bars.length === 0 && marks.length === 0) return empty('本文件没有带日期的阶段、期限或目标。');

  const dates = [
    ...marks.map((m) => time(m.date)),
    ...bars.flatMap((b) => [b.start, b.end].filter((x): x is string => !!x).map(time)),
  ];
  if (doc.date) dates.push(time(doc.date));
  let lo = Math.min(...dates);
  let hi = Math.max(...dates);
  const pad = Math.max((hi - lo) * 0.04, 15 * DAY);
  lo -= pad;
  hi += pad;

  const left = 190;
  const width = Math.max(640, Math.round(available));
  const right = 20;
  const x = (t: number) => left + ((t - lo) / (hi - lo)) * (width - left - right);
  const rowH = 26;
  const lanes: { label: string; kind: Mark['kind'] }[] = [
    { label: '措施期限', kind: '措施' },
    { label: '目标期限', kind: '目标' },
    { label: '完成日期', kind: '完成' },
  ].filter((l) => marks.some((m) => m.kind === l.kind)) as { label: string; kind: Mark['kind'] }[];
  const axisY = 30;
  const top = axisY + 14;
  const height = top + (bars.length + lanes.length) * rowH + 16;

  const parts: SVGElement[] = [];
  // Axis: years, or months when the plan spans less than two years.
  const spanYears = (hi - lo) / (365 * DAY);
  const start = new Date(lo);
  const ticks: { t: number; label: string; major: boolean }[] = [];
  if (spanYears > 2) {
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= hi; y++) {
      ticks.push({ t: Date.UTC(y, 0, 1), label: `${y}年`, major: true });
    }
  } else {
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth() + 1;
    while (Date.UTC(y, m, 1) <= hi) {
      if (m === 12) {
        y++;
        m = 0;
      }
      const t = Date.UTC(y, m, 1);
      if (t > hi) break;
      const major = m === 0;
      const step = spanYears > 1 ? 3 : 1;
      if (major || m % step === 0) ticks.push({ t, label: major ? `${y}年` : `${m + 1}月`, major });
      m++;
    }
  }
  parts.push(s('line', { x1: left, x2: width - right, y1: axisY, y2: axisY, class: 'axis' }));
  for (const tick of ticks) {
    const tx = x(tick.t);
    parts.push(s('line', { x1: tx, x2: tx, y1: axisY - 4, y2: height - 8, class: tick.major ? 'grid major' : 'grid' }));
    parts.push(s('text', { x: tx, y: axisY - 8, class: 'tick', 'text-anchor': 'middle' }, tick.label));
  }
  if (doc.date) {
    const tx = x(time(doc.date));
    parts.push(s('line', { x1: tx, x2: tx, y1: axisY, y2: height - 8, class: 'issued' },
      s('title', null, `成文日期 ${dateText(doc.date)}`)));
    parts.push(s('text', { x: tx + 3, y: height - 10, class: 'issued-label' }, '成文'));
  }

  const clickable = (el: SVGElement, origin: Origin) => {
    el.setAttribute('class', `${el.getAttribute('class') ?? ''} jump`.trim());
    el.addEventListener('click', () => jump(origin));
    return el;
  };
  /** A shape's class and data for the findings it stands for. */
  const flagged = (el: SVGElement, list: Finding[]) => {
    const sev = worst(list);
    if (!sev) return el;
    el.setAttribute('class', `${el.getAttribute('class') ?? ''} finding finding-${sev}`);
    el.setAttribute('data-codes', [...new Set(list.map((f) => f.d.code))].join(' '));
    return el;
  };
  const titleOf = (text: string, list: Finding[]) => (list.length ? `${text}\n${findingLines(list)}` : text);

  bars.forEach((b, i) => {
    const y = top + i * rowH;
    parts.push(s('text', { x: left - 8, y: y + 17, class: 'lane-label', 'text-anchor': 'end' }, truncate(b.name, 14), s('title', null, `${b.schedule} · ${b.name}`)));
    const x1 = x(time(b.start ?? b.end!));
    const x2 = x(time(b.end ?? b.start!));
    const title = titleOf(`${b.schedule} · ${b.name}:${b.start ? dateText(b.start) : ''}—${b.end ? dateText(b.end) : ''}`, b.findings);
    parts.push(flagged(clickable(s('rect', { x: x1, y: y + 5, width: Math.max(x2 - x1, 4), height: rowH - 10, rx: 3, class: 'phase', 'data-phase': b.name },
      s('title', null, title)), b.origin), b.findings));
  });

  lanes.forEach((lane, i) => {
    const y = top + (bars.length + i) * rowH + rowH / 2;
    parts.push(s('text', { x: left - 8, y: y + 4, class: 'lane-label', 'text-anchor': 'end' }, lane.label));
    parts.push(s('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'lane' }));
    const byDate = new Map<string, Mark[]>();
    for (const m of marks.filter((m) => m.kind === lane.kind)) {
      byDate.set(m.date, [...(byDate.get(m.date) ?? []), m]);
    }
    for (const [date, group] of byDate) {
      const r = Math.min(4 + Math.sqrt(group.length) * 2, 11);
      const involved = group.flatMap((m) => m.findings);
      const title = titleOf(`${dateText(date)}(${group.length} 项)\n${group.slice(0, 12).map((m) => m.name).join('\n')}${group.length > 12 ? '\n…' : ''}`, involved);
      const shape = lane.kind === '目标'
        ? s('rect', { x: x(time(date)) - r * 0.8, y: y - r * 0.8, width: r * 1.6, height: r * 1.6, transform: `rotate(45 ${x(time(date))} ${y})`, class: `mark ${lane.kind}`, 'data-date': date }, s('title', null, title))
        : s('circle', { cx: x(time(date)), cy: y, r, class: `mark ${lane.kind}`, 'data-date': date }, s('title', null, title));
      // The first item with a finding is the one a click shows.
      parts.push(flagged(clickable(shape, (group.find((m) => m.findings.length) ?? group[0]).origin), involved));
      if (group.length > 1) {
        parts.push(s('text', { x: x(time(date)), y: y - r - 2, class: 'count', 'text-anchor': 'middle' }, String(group.length)));
      }
    }
  });

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'timeline', 'data-view': 'timeline', role: 'img', 'aria-label': '时间轴' }, parts);

  // The list: every phase and dated item in date order, each with the findings about it.
  const rows = [
    ...bars.map((b) => ({
      date: b.start ?? b.end!, kind: '阶段', name: `${b.name}(${b.start ? dateText(b.start) : ''}—${b.end ? dateText(b.end) : ''})`,
      origin: b.origin, findings: b.findings,
    })),
    ...marks.map((m) => ({ date: m.date, kind: m.kind === '完成' ? '已完成' : `${m.kind}期限`, name: m.name, origin: m.origin, findings: m.findings })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const list = h('table', { className: 'grid dates' },
    h('thead', null, h('tr', null, ['日期', '类别', '事项', '问题'].map((c) => h('th', null, c)))),
    h('tbody', null, rows.map((m) => {
      const sev = worst(m.findings);
      return h('tr', { className: sev ? `has-finding finding-${sev}` : null, 'data-codes': sev ? m.findings.map((f) => f.d.code).join(' ') : null },
        h('td', { className: 'num' }, dateText(m.date)),
        h('td', null, m.kind),
        h('td', null, h('a', { href: '#', className: 'jump', onclick: (e: Event) => { e.preventDefault(); jump(m.origin); } }, m.name)),
        h('td', { title: findingLines(m.findings) }, m.findings.map((f) => h('span', { className: `chip finding finding-${f.severity}` }, f.d.code))));
    })));
  return h('div', null, h('div', { className: 'svg-wrap' }, svg), rows.length ? list : null);
}

function truncate(text: string, n: number): string {
  const chars = Array.from(text);
  return chars.length > n ? chars.slice(0, n - 1).join('') + '…' : text;
}
