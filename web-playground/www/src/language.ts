// Syntax highlighting for .zc files: a small line tokenizer (CodeMirror's StreamLanguage), no
// Lezer grammar. It only colours; the compiler in the worker is what reads the file.
//
// Item keywords at the start of a statement (文件 目标 措施 …), clause keys before ：, numbers
// with their units, dates, “quotes”, 「names」, 《titles》 and // comments.
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import type { StringStream } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/** Item keywords, longest first (部门类 before 部门). */
export const KEYWORDS = [
  '部门类',
  '文件',
  '目标',
  '现状',
  '措施',
  '标准',
  '补助',
  '范围',
  '部门',
  '事实',
  '步骤',
  '阶段',
  '考核',
  '调整',
  '分档',
  '项',
  '例',
];

const HAN = '\\p{Script=Han}';
const DIGITS = '[0-9０-９]';
const CN_NUM = '[〇零一二三四五六七八九十百千两]';
const SCALE = '(?:万亿|万|亿|千)';
const UNIT =
  '(?:个百分点|百分点|平方公里|平方米|人次|乡镇|公里|千米|个月|学年|元|人|名|户|个|村|县|省|市|组|次|家|岁|门|册|本|张|种|所|项|块|亩|天|日|月|年|%|％|分|倍|万元)';

const keywordRe = new RegExp(`^(?:${KEYWORDS.join('|')})(?=[\\s「《（(]|$)`, 'u');
const aliasRe = /^又称/u;
const clauseKeyRe = new RegExp(`^[${HAN.slice(0)}A-Za-z]{1,8}(?=\\s*[：:])`, 'u');
const dateRe = new RegExp(
  `^(?:${DIGITS}{4}年(?:${DIGITS}{1,2}月(?:${DIGITS}{1,2}[日号])?)?(?:底|末|初|前|上旬|中旬|下旬)?|${DIGITS}{1,2}月(?:${DIGITS}{1,2}[日号])?(?:底|末|初|前|上旬|中旬|下旬)?|${DIGITS}{4}-${DIGITS}{2}-${DIGITS}{2})`,
  'u',
);
const numberRe = new RegExp(
  `^(?:[±+\\-＋－]?${DIGITS}+(?:[.．]${DIGITS}+)?|${CN_NUM}+(?=${SCALE}?${UNIT}))${SCALE}?${UNIT}?(?:[/／]${UNIT})*`,
  'u',
);
const comparatorRe = /^(?:不低于|不超过|不少于|不高于|以上|以下|以内|超过|低于|少于|左右|至少|至多|约|近)/u;

interface State {
  /** No token yet on this statement: a keyword or a clause key may start here. */
  statementStart: boolean;
  /** Inside “…” (quotes may run over lines). */
  inQuote: boolean;
  /** The next word names an item (目标 贫困人口脱贫). */
  afterKeyword: boolean;
}

function token(stream: StringStream, state: State): string | null {
  if (stream.sol()) state.statementStart = true;
  if (state.inQuote) {
    if (stream.skipTo('”')) {
      stream.next();
      state.inQuote = false;
    } else {
      stream.skipToEnd();
    }
    return 'string';
  }
  if (stream.eatSpace()) return null;
  if (stream.match('//')) {
    stream.skipToEnd();
    return 'comment';
  }
  const atStart = state.statementStart;
  const afterKeyword = state.afterKeyword;
  state.statementStart = false;
  state.afterKeyword = false;

  if (stream.match('“')) {
    if (stream.skipTo('”')) stream.next();
    else {
      stream.skipToEnd();
      state.inQuote = true;
    }
    return 'string';
  }
  if (stream.match('「')) {
    if (stream.skipTo('」')) stream.next();
    else stream.skipToEnd();
    return afterKeyword ? 'variableName.definition' : 'labelName';
  }
  if (stream.match('《')) {
    if (stream.skipTo('》')) stream.next();
    else stream.skipToEnd();
    return 'string.special';
  }
  if (atStart && stream.match(keywordRe)) {
    state.afterKeyword = true;
    return 'keyword';
  }
  if (stream.match(aliasRe)) return 'keyword';
  if (atStart && stream.match(clauseKeyRe)) return 'propertyName';
  // File names and codes (002_8d5cf216.txt, v2): ASCII words are plain text, digits included.
  if (stream.match(/^(?:[A-Za-z_][A-Za-z0-9_.\-]*|[0-9]+[A-Za-z_][A-Za-z0-9_.\-]*)/)) return null;
  if (stream.match(dateRe)) return 'atom';
  if (stream.match(numberRe)) return 'number';
  if (stream.match(comparatorRe)) return 'operator';
  const ch = stream.next() ?? '';
  if ('{｛}｝'.includes(ch)) {
    state.statementStart = true;
    return 'brace';
  }
  if ('；;。'.includes(ch)) {
    state.statementStart = true;
    return 'punctuation';
  }
  if ('：:、，,（）()'.includes(ch)) return 'punctuation';
  if (afterKeyword) {
    // The item's name runs to white space or an opening brace.
    stream.match(/^[^\s{｛：:]*/u);
    return 'variableName.definition';
  }
  // Ordinary text: to the next place where something else may start.
  stream.match(/^[^\s“「《0-9０-９：:、，,；;。{｛}｝/]*?(?=[\s“「《0-9０-９：:、，,；;。{｛}｝/]|不低于|不超过|以上|以下|$)/u);
  return null;
}

export const zhengceLanguage = StreamLanguage.define<State>({
  name: 'zhengce',
  startState: () => ({ statementStart: true, inQuote: false, afterKeyword: false }),
  copyState: (s) => ({ ...s }),
  token,
  languageData: { commentTokens: { line: '//' } },
});

const style = HighlightStyle.define([
  { tag: t.keyword, color: '#8f1d6b', fontWeight: 'bold' },
  { tag: t.propertyName, color: '#1d4f91' },
  { tag: t.number, color: '#0b7a3e' },
  { tag: t.atom, color: '#9a5b00' },
  { tag: t.string, color: '#7a4a1d' },
  { tag: t.special(t.string), color: '#5b3a8c' },
  { tag: t.labelName, color: '#0f6e7a' },
  { tag: t.definition(t.variableName), color: '#b3261e', fontWeight: 'bold' },
  { tag: t.comment, color: '#7d8590', fontStyle: 'italic' },
  { tag: t.operator, color: '#a14d00' },
  { tag: t.brace, color: '#57606a' },
]);

export function zhengce() {
  return [zhengceLanguage, syntaxHighlighting(style)];
}
