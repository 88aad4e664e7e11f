// The compiler's findings as the page shows them: in what order, at what severity, and which item
// of the plan each one is about, so the views can mark the rows and shapes it concerns.
//
// Locating a finding: every label carries the compiler's UTF-8 byte span (`LabelOut.span`), and
// every item of the IR carries its own byte span (`Origin.start`/`end`) and file. A label lies in
// an item when it is in the same file and inside that span, so no text is matched by name (two
// items may share a name). `subject` (kind, name path, 原文) is what the problems list shows.
import type { DiagnosticOut, LabelOut, Origin, Severity } from '../../src/types';

/** The code of "依据的文件不在检查范围内". The CLI checks a repository, where a missing 依据 is
 * an error; the page checks only the files it holds, so there the finding means "the upper file
 * is not loaded here" and is shown as information (issue 14). */
export const UNLOADED_BASIS = 'ZC0801';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
export const SEVERITY_WORD: Record<Severity, string> = { error: '错误', warning: '警告', note: '提示' };

export interface Finding {
  /** As the compiler reported it. */
  d: DiagnosticOut;
  /** As the page shows it (ZC0801 is a note here). */
  severity: Severity;
  message: string;
  /** ZC0801: the 依据 is not among the page's files. */
  unloadedBasis: boolean;
  /** The label the editor jumps to. */
  primary: LabelOut | undefined;
}

/** The findings sorted for a reviewer: errors, then warnings, then notes; within each, by file
 * (in the page's order) and position; the sort is stable, so equal places keep the compiler's
 * order. `files` holds each file's text, to quote the 依据 a ZC0801 names. */
export function present(diags: DiagnosticOut[], files: { name: string; text: string }[]): Finding[] {
  const fileIndex = new Map(files.map((f, i) => [f.name, i]));
  const findings = diags.map((d): Finding => {
    const primary = d.labels.find((l) => l.primary) ?? d.labels[0];
    if (d.code !== UNLOADED_BASIS) return { d, severity: d.severity, message: d.message, unloadedBasis: false, primary };
    const text = files.find((f) => f.name === primary?.file)?.text;
    const basis = text !== undefined && primary?.from != null && primary.to != null
      ? text.slice(primary.from, primary.to).trim()
      : '';
    return {
      d,
      severity: 'note',
      message: `上级文件未加载:依据${basis || '的文件'}不在本页的文件中;用「＋ 新文件」把它加进来(可从示例中选),即可一并检查。`,
      unloadedBasis: true,
      primary,
    };
  });
  const at = (f: Finding) => [
    SEVERITY_RANK[f.severity],
    fileIndex.get(f.primary?.file ?? '') ?? files.length,
    f.primary?.span.start ?? 0,
  ];
  return findings
    .map((f, i) => ({ f, i, key: at(f) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.i - b.i)
    .map((x) => x.f);
}

/** Whether a label lies inside an item. */
export function labelIn(label: LabelOut, origin: Origin): boolean {
  return label.file === origin.file && label.span.start >= origin.start && label.span.end <= origin.end;
}

/** The findings whose primary label lies inside an item (a target's row: its breakdown, rate,
 * milestones and value are all clauses inside it). */
export function findingsOf(findings: Finding[], origin: Origin): Finding[] {
  return findings.filter((f) => f.primary !== undefined && labelIn(f.primary, origin));
}

/** For each finding accepted by `wanted`, every item one of its labels (primary or not) lies in,
 * taking for each label only the innermost item holding it: a measure's span holds its
 * sub-measures', and a finding on a sub-measure's deadline is not about its parent's. Returns the
 * findings by item index. */
export function findingsByItem(
  findings: Finding[],
  items: Origin[],
  wanted: (f: Finding) => boolean,
): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  for (const f of findings) {
    if (!wanted(f)) continue;
    for (const label of f.d.labels) {
      let best = -1;
      for (const [i, origin] of items.entries()) {
        if (!labelIn(label, origin)) continue;
        if (best < 0 || origin.end - origin.start < items[best].end - items[best].start) best = i;
      }
      if (best < 0) continue;
      const list = out.get(best) ?? [];
      if (!list.includes(f)) list.push(f);
      out.set(best, list);
    }
  }
  return out;
}

/** The most severe of some findings, for the class of the shape that marks them. */
export function worst(findings: Finding[]): Severity | undefined {
  let best: Severity | undefined;
  for (const f of findings) if (best === undefined || SEVERITY_RANK[f.severity] < SEVERITY_RANK[best]) best = f.severity;
  return best;
}

/** One line per finding, for a tooltip. */
export function findingLines(findings: Finding[]): string {
  return findings.map((f) => `${SEVERITY_WORD[f.severity]} ${f.d.code}:${f.message}`).join('\n');
}
