// The JSON shapes of the playground's wasm functions (src/lib.rs). Generated from the Rust types by
// src/types_ts.rs (UPDATE_TYPES=1 cargo test -p zhengce-playground types_ts); do not edit.
//
// wasm-bindgen's own .d.ts (pkg/zhengce_playground.d.ts) only says that every function takes and
// returns a string; these types say what is in those strings. Decimals are strings of digits
// ("2320000", "0.05"), never JSON numbers, so no value goes through floating point. Counts
// and offsets are JSON numbers (ts-rs would write Rust's 64-bit integers as bigint).

/** Every function answers this (`ok` and `fail_with` in src/lib.rs). */
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

/** A fact's value: text as the language writes it ("1000万元", "深度贫困县", "2018-05-01") or a
 * plain number in the fact's unit; "" or null means not given. */
export type FactInput = string | number | null;

export type Adjustment = { name: string, max: Quantity, both_ways: boolean, origin: Origin, };

export type AdjustmentScore = { name: string, min: Quantity, max: Quantity, 
/**
 * The adjustment applied (0 when none was given).
 */
value: Quantity, given: boolean, origin: string, };

export type Amount = { "type": "quantity", cmp: Cmp, quantity: Quantity, text: string, } | { "type": "range", low: Quantity, high: Quantity, text: string, } | { "type": "share", base: string, 
/**
 * The rate in percent (20 for 20%).
 */
percent: string, cmp: Cmp, text: string, } | { "type": "change", from: Quantity, to: Quantity, text: string, } | { "type": "ratio_range", low: [string, string], high: [string, string], text: string, };

export type AnnualRate = { cmp: Cmp, quantity: Quantity, 
/**
 * The first and last years the rate runs (inclusive): its own, else the target's 期间.
 */
from_year?: number, to_year?: number, 
/**
 * The rate's own years as written after its amount (自2015年起, 2015至2017年每年); absent
 * when it names none, so that `from_year`/`to_year`, if any, come from the 期间.
 */
years_text?: string, };

export type Basis = "yearly" | "cumulative" | "levels" | "rate" | "value";

export type Bound = { value: string, inclusive: boolean, };

export type BoundKind = "floor" | "cap";

export type BuildResult = { 
/**
 * `null` when errors prevented the build.
 */
program: Program | null, diagnostics: Array<DiagnosticOut>, errors: number, warnings: number, };

export type Capabilities = { check: boolean, build: boolean, evaluate: boolean, due: boolean, score: boolean, progress: boolean, examples: boolean, format: boolean, 
/**
 * Hover, completion and quick fixes (`hover`, `complete`, `fixes`).
 */
ide: boolean, version: string, };

export type Case = { "type": "values", values: Array<string>, } | { "type": "interval", low?: Bound, high?: Bound, unit: Unit | null, 
/**
 * As the document writes it: 1000人以下.
 */
text: string, } | { "type": "otherwise" };

export type CheckResult = { diagnostics: Array<DiagnosticOut>, errors: number, warnings: number, };

export type CivilDate = string;

export type Clip = { bound: BoundKind, limit: Quantity, 
/**
 * The amount before clipping.
 */
before: Quantity, 
/**
 * Which end of a range, for a range.
 */
end?: RangeEnd, };

export type Cmp = "eq" | "ge" | "gt" | "le" | "lt" | "about";

export type CompileRequest = { files: Array<FileIn>, 
/**
 * `YYYY-MM-DD`: report duties overdue on this day without 完成.
 */
as_of?: string, 
/**
 * `build` only: build the IR even when the checks found errors (not when a file could not
 * be read), so the page can show a plan whose figures do not add up.
 */
allow_errors?: boolean, };

export type CompletionKind = "keyword" | "clause_key" | "department" | "department_class" | "scope" | "fact" | "fact_value" | "rule" | "target" | "measure" | "scheme" | "assess_entry" | "document" | "unit" | "code";

export type CompletionOut = { label: string, kind: CompletionKind, detail?: string, insert: string, from: number, to: number, };

export type Condition = { fact: string, test: Case, };

export type Deadline = { "type": "by", date: CivilDate, text: string, 
/**
 * Where the year came from, when the text did not write it (6月10日前 in a document
 * whose year is its 发布日期's).
 */
year_from?: YearSource, } | { "type": "open", text: string, } | { "type": "event", event: string, text: string, } | { "type": "none" } | { "type": "unresolved", text: string, reason: string, };

export type Department = { name: string, aliases?: Array<string>, 
/**
 * A class of bodies (各乡镇党委、政府) rather than one body.
 */
class?: boolean, };

export type DepartmentFilter = { 
/**
 * As asked.
 */
query: string, 
/**
 * The canonical names it stands for (one per document that declares it).
 */
names: Array<string>, };

export type DiagnosticOut = { code: string, severity: Severity, message: string, labels: Array<LabelOut>, notes: Array<string>, help: string | null, 
/**
 * The item the finding is about, with its 原文 (`null` outside any item).
 */
subject: Subject | null, };

export type DraftCounts = { departments: number, measures: number, targets: number, standards: number, phases: number, 
/**
 * `// 待编码:` comments: sentences the draft could not place.
 */
pending: number, };

export type DraftResult = { text: string, counts: DraftCounts, };

export type DueCounts = { overdue: number, due: number, upcoming: number, open_ended: number, unresolved: number, no_deadline: number, completed: number, };

export type DueItem = { status: DueStatus, kind: DueKind, number?: string, name: string, 
/**
 * The deadline as written: 6月10日前.
 */
deadline_text?: string, 
/**
 * The resolved deadline.
 */
deadline?: CivilDate, 
/**
 * Where the deadline's year came from, when the text did not write it.
 */
year_from?: YearSource, 
/**
 * Why the deadline has no day, for an `unresolved` one.
 */
reason?: string, 
/**
 * Days from `as_of` to the deadline: negative when overdue.
 */
days_left?: number, completed?: CivilDate, lead: Array<string>, lead_inherited: boolean, responsible: Array<string>, 
/**
 * The filtered department's role, when a department was given.
 */
role?: Role, 
/**
 * The enclosing measure (a target's: the measure it is stated in).
 */
parent?: string, phase?: string, file: string, 
/**
 * `file:line`.
 */
origin: string, quote?: string, };

export type DueKind = "measure" | "target";

export type DueReport = { as_of: CivilDate, window_days: number, department?: DepartmentFilter, counts: DueCounts, 
/**
 * By status (逾期 first), then deadline, then the order of the documents.
 */
items: Array<DueItem>, };

export type DueRequest = { files: Array<FileIn>, 
/**
 * YYYY-MM-DD.
 */
as_of: string, 
/**
 * Only this department's duties (a name or an alias).
 */
department?: string, };

export type DueStatus = "overdue" | "due" | "upcoming" | "open_ended" | "unresolved" | "no_deadline" | "completed";

export type Duty = { 
/**
 * Position in `Document::duties`; `parent` refers to another duty by this index.
 */
id: number, parent?: number, number?: string, name: string, 
/**
 * Canonical department names; inherited from the nearest ancestor when the measure names none.
 */
lead?: Array<string>, lead_inherited?: boolean, responsible?: Array<string>, leaders?: Array<string>, deadline: Deadline, completed?: CivilDate, 
/**
 * The 阶段 the measure is stated in, if any.
 */
phase?: string, 
/**
 * The 范围 the measure is aimed at, by name (not inherited from its parent).
 */
scope?: Array<string>, origin: Origin, };

export type EditOut = { from: number, to: number, insert: string, };

export type EvaluateRequest = { files: Array<FileIn>, rule: string, 
/**
 * A fact's value: text as the language writes it ("1000万元", "深度贫困县", "2018-05-01")
 * or a plain number in the fact's unit; "" or null means not given.
 */
facts?: Record<string, string | number | null>, };

export type Evaluation = { rule: string, 
/**
 * 标准 or 补助.
 */
keyword: string, 
/**
 * `file:line` of the rule.
 */
origin: string, 
/**
 * Whether the rule applies to these facts.
 */
applies: boolean, 
/**
 * Why it does not apply.
 */
reason?: string, 
/**
 * The conditions that failed.
 */
failed_conditions: Array<FailedCondition>, 
/**
 * What the rule gives; `None` when it does not apply or states no amount.
 */
amount?: Outcome, 
/**
 * The tier row that applied.
 */
tier?: TierUsed, 
/**
 * The count a rate was multiplied by.
 */
per_unit?: PerUnit, 
/**
 * The bounds that clipped the amount.
 */
clipped: Array<Clip>, trace: Array<TraceStep>, };

export type ExampleResult = { name: string, file: string, 
/**
 * `file:line`.
 */
origin: string, 
/**
 * The question: 求 光伏扶贫以奖代补, 截至 2017年5月6日 各乡镇, …
 */
question: string, status: ExampleStatus, expected?: string, actual?: string, 
/**
 * What differs, when the example fails.
 */
difference?: string, 
/**
 * Why the question could not be answered.
 */
error?: string, trace: Array<TraceStep>, };

export type ExampleStatus = "pass" | "fail" | "error";

export type ExamplesRequest = { files: Array<FileIn>, };

export type Expected = { "type": "amount", "value": Amount } | { "type": "date", "value": CivilDate } | { "type": "names", "value": Array<string> };

export type Fact = { name: string, kind: FactKind, };

export type FactKind = { "type": "category", values: Array<string>, } | { "type": "quantity", unit: Unit, scale?: Scale, } | { "type": "date" };

export type FactValue = { "type": "quantity", "value": Quantity } | { "type": "category", "value": string } | { "type": "date", "value": CivilDate };

export type FailedCondition = { fact: string, 
/**
 * The condition as written: 服务人口1000人以下, 县类别=贫困县.
 */
condition: string, 
/**
 * The given value.
 */
given: string, };

export type FileIn = { name: string, text: string, };

export type FixOut = { code: string, 
/**
 * The diagnostic's primary label.
 */
from: number, to: number, title: string, preferred: boolean, edits: Array<EditOut>, };

export type FormatResult = { text: string, };

export type HoverOut = { from: number, to: number, markdown: string, };

export type IrDocument = { file: string, title?: string, number?: string, 
/**
 * 发文机关: the issuing bodies, as written (not resolved to `departments`: an issuer need not
 * be a declared 部门).
 */
issuer?: Array<string>, 
/**
 * 成文日期.
 */
date?: CivilDate, 
/**
 * The year month-day dates without their own year (6月10日前) belong to, when the document
 * states one anywhere: see [`YearSource`] for where it is taken from.
 */
year?: number, 
/**
 * Where `year` comes from.
 */
year_source?: YearSource, 
/**
 * 发布日期: when the document was published (posted), distinct from 成文日期.
 */
published?: CivilDate, 
/**
 * 施行: the day the document takes effect, when it names one (施行：2016年2月9日).
 */
effective?: CivilDate, 
/**
 * 施行：印发之日起: in force from the day of issue (which the document may not give).
 */
effective_on_issue?: boolean, 
/**
 * 期间: the years the document's work spans.
 */
period?: Period, 
/**
 * Titles of the documents it rests on (依据).
 */
basis?: Array<string>, 
/**
 * Titles of the documents it repeals (废止).
 */
repeals?: Array<string>, 
/**
 * 来源: the source text file the 原文 quotes come from, as written.
 */
source?: string, 
/**
 * Every department by its canonical name, with the other names it goes by.
 */
departments?: Array<Department>, 
/**
 * Every declared 范围. Every scope name elsewhere in the IR is one of these `name`s.
 */
scopes?: Array<Scope>, facts?: Array<Fact>, rules?: Array<Rule>, duties?: Array<Duty>, phases?: Array<Phase>, targets?: Array<Target>, schemes?: Array<Scheme>, examples?: Array<IrExample>, };

export type IrExample = { name: string, question: Question, given?: Array<[string, FactValue]>, expect?: Expected, origin: Origin, };

export type ItemScore = { name: string, max?: Quantity, score: Quantity, source: ScoreSource, children: Array<ItemScore>, origin: string, };

export type LabelOut = { file: string, message: string, primary: boolean, 
/**
 * The compiler's UTF-8 byte span, for tools that want it.
 */
span: Span, from: number | null, to: number | null, line: number | null, column: number | null, end_line: number | null, end_column: number | null, };

export type Origin = { file: string, 
/**
 * 1-based line and column (column in characters) of the item's name.
 */
line: number, column: number, 
/**
 * Byte span of the whole item in the file.
 */
start: number, end: number, 
/**
 * The first 原文 quote of the item, if any.
 */
quote?: string, };

export type Outcome = { "type": "amount", cmp: Cmp, quantity: Quantity, text: string, } | { "type": "range", low: Quantity, high: Quantity, text: string, } | { "type": "ratio_range", low: [string, string], high: [string, string], text: string, };

export type PartAmount = { name: string, quantity: Quantity, };

export type PerUnit = { fact: string, count: Quantity, rate: Quantity, };

export type Period = { from_year: number, to_year: number, 
/**
 * Written with 每年 (2015至2017年每年): the figure applies in each year of the span.
 */
every_year?: boolean, };

export type Phase = { schedule: string, 
/**
 * The phase's number as printed ((一), 1., ①), when it has one.
 */
number?: string, name: string, start?: CivilDate, end?: CivilDate, origin: Origin, };

export type Program = { 
/**
 * Always [`IR_VERSION`] when written by this compiler.
 */
version: number, documents: Array<IrDocument>, };

export type ProgressReport = { target: string, origin: string, as_of_year: number, basis: Basis, status: ProgressStatus, 
/**
 * The final value as stated: 232万人, 12000公里以上.
 */
target_text?: string, target_value?: Quantity, deadline?: CivilDate, 
/**
 * The 期限 as written (6月底前, 「秋季学期」前, 长期坚持), whether or not it has a day.
 */
deadline_text?: string, 
/**
 * Why the 期限 has no day, when it has none (no year known, an event, open-ended).
 */
deadline_note?: string, planned_to_date?: Quantity, actual_to_date: Quantity, 
/**
 * Plan to date minus actual to date: positive when behind.
 */
gap?: Quantity, 
/**
 * Final value minus actual to date.
 */
remaining?: Quantity, years: Array<YearRow>, trace: Array<TraceStep>, };

export type ProgressRequest = { files: Array<FileIn>, target: string, 
/**
 * Year → amount ("2016": "50万人").
 */
actual: Record<string, string>, as_of_year: number, };

export type ProgressStatus = "met" | "on_track" | "behind" | "no_interim_plan";

export type Quantity = { value: string, 
/**
 * `None` for a bare number (a year count written without unit, say).
 */
unit?: Unit, 
/**
 * The scale the document wrote; display only.
 */
scale?: Scale, };

export type Question = { "type": "eval", rule: string, } | { "type": "due", as_of: CivilDate, department?: string, } | { "type": "score", scheme: string, } | { "type": "progress", target: string, actual: Array<YearAmount>, as_of?: CivilDate, };

export type RangeEnd = "low" | "high";

export type Role = "lead" | "lead_inherited" | "responsible" | "lead_and_responsible";

export type Rule = { 
/**
 * The rule's number as printed ((一), 1.), when it has one.
 */
number?: string, name: string, 
/**
 * 标准 or 补助.
 */
keyword: string, beneficiary?: Array<string>, 
/**
 * Conditions that must all hold for the rule to apply.
 */
conditions?: Array<Condition>, body: RuleBody, floor?: Quantity, cap?: Quantity, 
/**
 * Years the rule is valid (有效期), inclusive.
 */
valid_years?: [number, number], 
/**
 * In force from (自).
 */
since?: CivilDate, 
/**
 * The 范围 the rule applies to, by name.
 */
scope?: Array<string>, lead?: Array<string>, responsible?: Array<string>, origin: Origin, };

export type RuleBody = { "type": "fixed", amount: Amount, } | { "type": "tiered", by: string, rows: Array<Tier>, } | { "type": "none" };

export type Scale = "" | "万" | "亿" | "万亿";

export type Scheme = { name: string, total?: Quantity, items: Array<SchemeItem>, adjustments?: Array<Adjustment>, origin: Origin, };

export type SchemeItem = { 
/**
 * The item's number as printed ((一), 1.), when it has one.
 */
number?: string, name: string, 
/**
 * Maximum points; `None` for an item scored only through its sub-items or not at all.
 */
points?: Quantity, children?: Array<SchemeItem>, origin: Origin, };

export type Scope = { name: string, 
/**
 * The declared size (9个县, 数量：6220个村), as written.
 */
count?: Quantity, 
/**
 * Further sizes of the same set in other units (1331户、4528人: `count` 1331户, `also` 4528人).
 */
also?: Array<Quantity>, 
/**
 * The listed members (成员), as written.
 */
members?: Array<string>, 
/**
 * The member list ends in 等: it is not exhaustive.
 */
members_open?: boolean, 
/**
 * 名单附后: the member list is attached to the document, not in its text.
 */
list_attached?: boolean, origin: Origin, };

export type ScoreReport = { scheme: string, origin: string, 
/**
 * 总分 as the scheme states it.
 */
full_marks?: Quantity, items: Array<ItemScore>, adjustments: Array<AdjustmentScore>, 
/**
 * The items' total before adjustments.
 */
subtotal: Quantity, adjustment_total: Quantity, total: Quantity, 
/**
 * Items with no score, counted as 0.
 */
unscored: Array<string>, trace: Array<TraceStep>, };

export type ScoreRequest = { files: Array<FileIn>, scheme: string, 
/**
 * Each item's points: a number or text (`"9分"`), read from its digits, never a float.
 */
scores: Record<string, string | number>, };

export type ScoreSource = "given" | "children" | "unscored";

export type Severity = "error" | "warning" | "note";

export type Span = { start: number, end: number, };

export type Subject = { 
/**
 * The item's keyword as the language spells it: 文件, 措施, 目标, 阶段, 项 …
 */
kind: string, 
/**
 * The names of the enclosing items, outermost first, ending with this item's own name.
 */
path: Array<string>, 
/**
 * The first 原文 of the item, or of its nearest enclosing item that has one.
 */
quote?: string, };

export type Target = { 
/**
 * The target's number as printed ((一), 1., ①, 一是), when it has one.
 */
number?: string, name: string, keyword: string, metric?: string, 
/**
 * The stated value with its comparator, when it is a quantity.
 */
value?: Amount, 
/**
 * The value in words when it is not a plain quantity (较2015年提高20%, 全覆盖).
 */
value_text?: string, 
/**
 * 力争: the value is an aim, not a commitment (力争100%, 力争在每个深度贫困村至少…).
 */
aspirational?: boolean, 
/**
 * 期限, resolved as a duty's is (a day, an unresolved date with the reason, an event,
 * open-ended); none when the target states no 期限.
 */
deadline?: Deadline, 
/**
 * 期间: the years the target's work spans.
 */
period?: Period, 
/**
 * 基期: the year the target is measured from (基期：2014年).
 */
base_year?: number, 
/**
 * Amounts planned in each year (分年度), not cumulative.
 */
yearly?: Array<YearAmount>, 
/**
 * Named parts that make up the value (分项: by region, channel or group).
 */
parts?: Array<PartAmount>, 
/**
 * Cumulative amounts reached by each year (累计).
 */
cumulative?: Array<YearAmount>, 
/**
 * Levels reached by each year (节点).
 */
levels?: Array<YearAmount>, 
/**
 * 每年 rate over years (inclusive).
 */
rate?: AnnualRate, 
/**
 * The 范围 the target applies to, by name.
 */
scope?: Array<string>, lead?: Array<string>, 
/**
 * 责任单位 (canonical names).
 */
responsible?: Array<string>, 
/**
 * The duty (措施) the target is stated in, by its index in `Document::duties`.
 */
duty?: number, origin: Origin, };

export type TextRequest = { text: string, 
/**
 * The file's name: what `format` reports syntax errors under, the draft's 来源.
 */
name?: string, };

export type Tier = { case: Case, amount: Amount, origin: Origin, };

export type TierUsed = { 
/**
 * 1-based row number.
 */
index: number, 
/**
 * The row's case as written: 深度贫困县, 1000人以下, 其他.
 */
case: string, origin: string, };

export type TraceStep = { 
/**
 * The clause: 规则, 条件, 分档, 金额, 比例, 按单位计, 调整, 自, 有效期, 下限, 上限, 项, 调整项,
 * 分年度, 累计, 节点, 每年, 措施 …
 */
clause: string, 
/**
 * What it did, in Chinese: 「县类别」为「深度贫困县」,取第1档.
 */
detail: string, 
/**
 * The 原文 quote of the item, when the document gives one.
 */
quote?: string, 
/**
 * `file:line` of the item.
 */
origin: string, };

export type Unit = { atom: UnitAtom, per?: Array<UnitAtom>, };

export type UnitAtom = "元" | "人" | "人次" | "户" | "个" | "村" | "县" | "乡镇" | "省" | "市" | "组" | "次" | "家" | "岁" | "门" | "所" | "项" | "块" | "公里" | "亩" | "平方米" | "平方公里" | "册" | "本" | "张" | "种" | "天" | "月" | "年" | "%" | "百分点" | "分";

export type YearAmount = { year: number, 
/**
 * What follows the year as written: 前, 之前, 底, 底前 or 末 (累计：2020年前63万户 is by the
 * end of 2020). Absent for a bare year. The checks read every form as the end of the year;
 * this keeps the wording for showing the figure as the document states it.
 */
suffix?: string, quantity: Quantity, };

export type YearRow = { year: number, planned?: Quantity, planned_to_date?: Quantity, actual?: Quantity, actual_to_date: Quantity, };

export type YearSource = "date" | "number" | "published" | "period" | "dates" | "title";
