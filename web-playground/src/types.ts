// The JSON shapes of the playground's wasm functions (src/lib.rs), written out by hand.
//
// wasm-bindgen's own .d.ts (pkg/zhengce_playground.d.ts) only says that every function takes and
// returns a string; these interfaces say what is in those strings. They follow the Rust types:
// `DiagnosticOut`/`LabelOut` in src/lib.rs, the IR in runtime/src/ir.rs, the evaluator's answers
// in runtime/src/eval/. Decimals are strings of digits ("2320000", "0.05"), never JSON numbers,
// so no value goes through floating point. `tsc --noEmit` (npm run typecheck) checks the page
// against them.

/** Every function answers this. */
export type Answer<T> = { ok: true; result: T } | { ok: false; error: ErrorOut };

export interface ErrorOut {
  /** `unavailable` when this build does not have the function; `syntax` when format met syntax
   * errors (detail: DiagnosticOut[]); the evaluator's error kinds (`missing_fact`,
   * `unknown_value`, …, detail: the error's fields); absent for a bad request. */
  kind?: string;
  /** One Chinese sentence. */
  message: string;
  detail?: unknown;
}

// ── requests ────────────────────────────────────────────────────────────────

export interface FileIn {
  name: string;
  text: string;
}

export interface CompileRequest {
  files: FileIn[];
  /** YYYY-MM-DD: report duties overdue on this day. */
  as_of?: string;
  /** build only: build the IR even when the checks found errors. */
  allow_errors?: boolean;
}

/** A fact's value: text as the language writes it ("1000万元", "深度贫困县", "2018-05-01") or a
 * plain number in the fact's unit; "" or null means not given. */
export type FactInput = string | number | null;

/** The runtime's questions take the plan's files and build the program again in wasm (as
 * `build` with allow_errors does), rather than the IR back as JSON. */
export interface EvaluateRequest {
  files: FileIn[];
  rule: string;
  facts: Record<string, FactInput>;
}

export interface DueRequest {
  files: FileIn[];
  as_of: string;
  department?: string;
}

export interface ScoreRequest {
  files: FileIn[];
  scheme: string;
  scores: Record<string, string | number>;
}

export interface ProgressRequest {
  files: FileIn[];
  target: string;
  /** Year → amount ("50万人"). */
  actual: Record<string, string>;
  as_of_year: number;
}

export interface ExamplesRequest {
  files: FileIn[];
}

export interface FormatRequest {
  text: string;
  /** The name syntax errors are reported under. */
  name?: string;
}

// ── check and build ─────────────────────────────────────────────────────────

export type Severity = 'error' | 'warning' | 'note';

export interface Span {
  /** UTF-8 byte offsets, [start, end). */
  start: number;
  end: number;
}

export interface LabelOut {
  file: string;
  message: string;
  primary: boolean;
  span: Span;
  /** UTF-16 offsets from the start of the file (CodeMirror positions), [from, to); null when the
   * label's file was not sent. */
  from: number | null;
  to: number | null;
  /** 1-based; columns in UTF-16 code units, end exclusive. */
  line: number | null;
  column: number | null;
  end_line: number | null;
  end_column: number | null;
}

export interface DiagnosticOut {
  /** ZC0201 …, see docs/diagnostics.md. */
  code: string;
  severity: Severity;
  message: string;
  labels: LabelOut[];
  notes: string[];
  help: string | null;
  /** The item the finding is about (`Subject` in compiler/src/diagnostic.rs); null outside any item. */
  subject: Subject | null;
}

/** The innermost item holding a finding's primary label. */
export interface Subject {
  /** Its keyword: 文件, 措施, 目标, 阶段, 项 … */
  kind: string;
  /** Names of the enclosing items, outermost first, ending with its own. */
  path: string[];
  /** The first 原文 of the item or of its nearest enclosing item that has one. */
  quote?: string;
}

export interface CheckResult {
  diagnostics: DiagnosticOut[];
  errors: number;
  warnings: number;
}

export interface BuildResult extends CheckResult {
  /** null when errors prevented the build. */
  program: Program | null;
}

export interface Capabilities {
  check: boolean;
  build: boolean;
  evaluate: boolean;
  due: boolean;
  score: boolean;
  progress: boolean;
  examples: boolean;
  format: boolean;
  /** hover, complete and fixes (the editor's answers, web-playground/src/ide.rs). */
  ide?: boolean;
  version: string;
}

/** `hover`: what is under the cursor. Offsets are UTF-16 offsets from the file's start. */
export interface HoverOut {
  from: number;
  to: number;
  markdown: string;
}

export type CompletionKind =
  | 'keyword' | 'clause_key' | 'department' | 'department_class' | 'scope' | 'fact'
  | 'fact_value' | 'rule' | 'target' | 'measure' | 'scheme' | 'assess_entry' | 'document' | 'unit'
  | 'code';

/** `complete`: one thing that may be written at the cursor, replacing `from`..`to`. */
export interface CompletionOut {
  label: string;
  kind: CompletionKind;
  detail?: string;
  insert: string;
  from: number;
  to: number;
}

/** `fixes`: a quick fix of the diagnostic whose primary label is `from`..`to`. */
export interface FixOut {
  code: string;
  from: number;
  to: number;
  title: string;
  preferred: boolean;
  edits: { from: number; to: number; insert: string }[];
}

export interface FormatResult {
  text: string;
}

/** `draft`: a first rule file from a plan's plain text (`zhengce draft`), answered by the
 * drafter module (pkg/zhengce_draft), which the worker loads on demand. */
export interface DraftResult {
  text: string;
  counts: {
    departments: number;
    measures: number;
    targets: number;
    standards: number;
    phases: number;
    /** `// 待编码:` comments: sentences the draft could not place. */
    pending: number;
  };
}

// ── values (runtime/src/value.rs) ───────────────────────────────────────────

/** 元, 人, 户, 万 …: the words the units and scales serialise as. */
export type UnitAtom = string;

export interface Unit {
  atom: UnitAtom;
  /** 元/人/年: per ["人", "年"]. */
  per?: UnitAtom[];
}

export type Scale = '' | '万' | '亿' | '万亿';

export interface Quantity {
  /** In the unit's base atom: 232万人 is "2320000". */
  value: string;
  unit?: Unit;
  /** How the document wrote it (display only). */
  scale?: Scale;
}

/** YYYY-MM-DD. */
export type CivilDate = string;

// ── the IR (runtime/src/ir.rs) ──────────────────────────────────────────────

export interface Program {
  version: number;
  documents: IrDocument[];
}

export interface Origin {
  file: string;
  line: number;
  column: number;
  /** Byte span of the item. */
  start: number;
  end: number;
  quote?: string;
}

export interface IrDocument {
  file: string;
  title?: string;
  number?: string;
  /** 发文机关, as written (not folded to `departments`). */
  issuer?: string[];
  date?: CivilDate;
  /** The year month-day dates without their own year take, and where it comes from. */
  year?: number;
  year_source?: YearSource;
  /** 发布日期. */
  published?: CivilDate;
  /** 施行: the day named. */
  effective?: CivilDate;
  /** 施行：印发之日起. */
  effective_on_issue?: boolean;
  /** The document's 期间. */
  period?: Period;
  basis?: string[];
  /** Titles of the documents repealed (废止). */
  repeals?: string[];
  /** 来源: the source text file. */
  source?: string;
  departments?: Department[];
  scopes?: Scope[];
  facts?: Fact[];
  rules?: Rule[];
  duties?: Duty[];
  phases?: Phase[];
  targets?: Target[];
  schemes?: Scheme[];
  examples?: IrExample[];
}

export interface Department {
  name: string;
  aliases?: string[];
  class?: boolean;
}

/** 范围: a named set, with its declared sizes and listed members. */
export interface Scope {
  name: string;
  count?: Quantity;
  also?: Quantity[];
  members?: string[];
  /** The member list ends in 等. */
  members_open?: boolean;
  /** 名单附后. */
  list_attached?: boolean;
  origin: Origin;
}

export interface Fact {
  name: string;
  kind: FactKind;
}

export type FactKind =
  | { type: 'category'; values: string[] }
  | { type: 'quantity'; unit: Unit; scale?: Scale }
  | { type: 'date' };

export type Cmp = 'eq' | 'ge' | 'gt' | 'le' | 'lt' | 'about';

export interface Rule {
  /** The number printed before the name: (一), 1., ①. */
  number?: string;
  name: string;
  /** 标准 or 补助. */
  keyword: string;
  beneficiary?: string[];
  conditions?: Condition[];
  body: RuleBody;
  floor?: Quantity;
  cap?: Quantity;
  valid_years?: [number, number];
  since?: CivilDate;
  /** 范围 names. */
  scope?: string[];
  lead?: string[];
  responsible?: string[];
  origin: Origin;
}

export interface Condition {
  fact: string;
  test: Case;
}

export type RuleBody =
  | { type: 'fixed'; amount: Amount }
  | { type: 'tiered'; by: string; rows: Tier[] }
  | { type: 'none' };

export interface Tier {
  case: Case;
  amount: Amount;
  origin: Origin;
}

export interface Bound {
  value: string;
  inclusive: boolean;
}

export type Case =
  | { type: 'values'; values: string[] }
  | { type: 'interval'; low?: Bound; high?: Bound; unit: Unit | null; text: string }
  | { type: 'otherwise' };

export type Amount =
  | { type: 'quantity'; cmp: Cmp; quantity: Quantity; text: string }
  | { type: 'range'; low: Quantity; high: Quantity; text: string }
  | { type: 'share'; base: string; percent: string; cmp: Cmp; text: string }
  | { type: 'change'; from: Quantity; to: Quantity; text: string }
  | { type: 'ratio_range'; low: [string, string]; high: [string, string]; text: string };

export interface Duty {
  id: number;
  parent?: number;
  number?: string;
  name: string;
  lead?: string[];
  lead_inherited?: boolean;
  responsible?: string[];
  leaders?: string[];
  deadline: Deadline;
  completed?: CivilDate;
  phase?: string;
  /** 范围 names (the measure's own, not inherited). */
  scope?: string[];
  origin: Origin;
}

export type Deadline =
  /** `year_from`: where the year came from, when the text wrote none. */
  | { type: 'by'; date: CivilDate; text: string; year_from?: YearSource }
  /** 长期坚持. */
  | { type: 'open'; text: string }
  /** 「上级复核」前. */
  | { type: 'event'; event: string; text: string }
  | { type: 'none' }
  /** A date not placed in the calendar; `reason` says why (Chinese). */
  | { type: 'unresolved'; text: string; reason: string };

/** Where a document's year comes from, first found first: 成文日期, 文号, 发布日期, a one-year 期间,
 * the dated months of its text, its title. */
export type YearSource = 'date' | 'number' | 'published' | 'period' | 'dates' | 'title';

export interface Phase {
  schedule: string;
  /** The number printed before the name: (一), 1., ①. */
  number?: string;
  name: string;
  start?: CivilDate;
  end?: CivilDate;
  origin: Origin;
}

export interface YearAmount {
  year: number;
  /** What followed the year as written: 前, 之前, 底, 底前, 末 (2020年前63万户). */
  suffix?: string;
  quantity: Quantity;
}

export interface PartAmount {
  name: string;
  quantity: Quantity;
}

export interface AnnualRate {
  cmp: Cmp;
  quantity: Quantity;
  /** The years it runs, inclusive: its own, else the target's 期间. */
  from_year?: number;
  to_year?: number;
  /** Its own years as written (自2015年起, 2015至2017年每年); absent when it names none. */
  years_text?: string;
}

/** 期间: inclusive years. */
export interface Period {
  from_year: number;
  to_year: number;
  every_year?: boolean;
}

export interface Target {
  /** The number printed before the name: (一), 1., ①, 一是. */
  number?: string;
  name: string;
  /** 目标 or 现状. */
  keyword: string;
  metric?: string;
  value?: Amount;
  value_text?: string;
  /** 力争: the value is an aim, not a commitment. */
  aspirational?: boolean;
  /** 期限, as a duty's (absent when the target states none). */
  deadline?: Deadline;
  period?: Period;
  /** 基期. */
  base_year?: number;
  yearly?: YearAmount[];
  parts?: PartAmount[];
  cumulative?: YearAmount[];
  levels?: YearAmount[];
  rate?: AnnualRate;
  /** 范围 names. */
  scope?: string[];
  lead?: string[];
  responsible?: string[];
  /** The duty (措施) the target is stated in. */
  duty?: number;
  origin: Origin;
}

export interface Scheme {
  name: string;
  total?: Quantity;
  items: SchemeItem[];
  adjustments?: Adjustment[];
  origin: Origin;
}

export interface SchemeItem {
  number?: string;
  name: string;
  points?: Quantity;
  children?: SchemeItem[];
  origin: Origin;
}

export interface Adjustment {
  name: string;
  max: Quantity;
  both_ways: boolean;
  origin: Origin;
}

export type FactValue =
  | { type: 'quantity'; value: Quantity }
  | { type: 'category'; value: string }
  | { type: 'date'; value: CivilDate };

export type Question =
  | { type: 'eval'; rule: string }
  | { type: 'due'; as_of: CivilDate; department?: string }
  | { type: 'score'; scheme: string }
  | { type: 'progress'; target: string; actual: YearAmount[]; as_of?: CivilDate };

export type Expected =
  | { type: 'amount'; value: Amount }
  | { type: 'date'; value: CivilDate }
  | { type: 'names'; value: string[] };

export interface IrExample {
  name: string;
  question: Question;
  given?: [string, FactValue][];
  expect?: Expected;
  origin: Origin;
}

// ── the evaluator's answers (runtime/src/eval/) ─────────────────────────────

export interface TraceStep {
  /** The clause used: 规则, 条件, 分档, 金额, 比例, 下限, 上限 … */
  clause: string;
  /** What it did, in Chinese. */
  detail: string;
  quote?: string;
  /** file:line. */
  origin: string;
}

export type Outcome =
  | { type: 'amount'; cmp: Cmp; quantity: Quantity; text: string }
  | { type: 'range'; low: Quantity; high: Quantity; text: string }
  | { type: 'ratio_range'; low: [string, string]; high: [string, string]; text: string };

export interface Evaluation {
  rule: string;
  keyword: string;
  origin: string;
  applies: boolean;
  reason?: string;
  failed_conditions?: { fact: string; condition: string; given: string }[];
  amount?: Outcome;
  tier?: { index: number; case: string; origin: string };
  per_unit?: { fact: string; count: Quantity; rate: Quantity };
  clipped?: { bound: 'floor' | 'cap'; limit: Quantity; before: Quantity; end?: 'low' | 'high' }[];
  trace?: TraceStep[];
}

export type DueStatus =
  | 'overdue'
  | 'due'
  | 'upcoming'
  | 'open_ended'
  | 'unresolved'
  | 'no_deadline'
  | 'completed';

export interface DueItem {
  status: DueStatus;
  /** A 措施 or a 目标. */
  kind: 'measure' | 'target';
  number?: string;
  name: string;
  /** As written: 6月10日前. */
  deadline_text?: string;
  deadline?: CivilDate;
  /** Where the deadline's year came from, when the text wrote none. */
  year_from?: YearSource;
  /** Why an `unresolved` deadline has no day. */
  reason?: string;
  /** Negative when overdue. */
  days_left?: number;
  completed?: CivilDate;
  lead?: string[];
  lead_inherited?: boolean;
  responsible?: string[];
  /** The department's part when the report is for one: lead or responsible. */
  role?: string;
  parent?: string;
  phase?: string;
  file: string;
  origin: string;
  quote?: string;
}

export interface DueReport {
  as_of: CivilDate;
  window_days: number;
  department?: { query: string; names: string[] };
  counts: Record<DueStatus, number>;
  items: DueItem[];
}

export interface ExampleResult {
  name: string;
  file: string;
  origin: string;
  question: string;
  status: 'pass' | 'fail' | 'error';
  expected?: string;
  actual?: string;
  difference?: string;
  error?: string;
  trace: TraceStep[];
}
