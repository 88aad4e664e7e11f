// Syntax highlighting and completion for .zc files: a small line tokenizer (CodeMirror's
// StreamLanguage), no Lezer grammar. It only colours and suggests; the compiler in the worker is
// what reads the file. The words come from the compiler's vocabulary (./vocabulary.ts, generated
// from compiler/src/vocabulary.rs and checked by tests/vocabulary.rs).
//
// Item keywords at the start of a statement (文件 目标 措施 …), clause keys before ：, numbers
// with their units, dates, “quotes”, 「names」, 《titles》 and // comments. Completion at the
// start of a statement offers what the enclosing item takes: its clause keys and nested items.
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import type { StringStream } from '@codemirror/language';
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { tags as t } from '@lezer/highlight';
import {
  ALIAS,
  CHINESE_NUMERALS,
  COMPARATORS,
  DATE_SUFFIXES,
  HEDGES,
  ITEM_CONTENTS,
  ITEM_KEYWORDS,
  TOP_LEVEL_KEYS,
  SCALES,
  TOP_LEVEL_KEYWORDS,
  UNITS,
} from './vocabulary';

/** Item keywords, longest first (部门类 before 部门). */
export const KEYWORDS = ITEM_KEYWORDS;

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const HAN = '\\p{Script=Han}';
const DIGITS = '[0-9０-９]';
const CN_NUM = `[${CHINESE_NUMERALS.join('')}]`;
const SCALE = `(?:${SCALES.join('|')})`;
const DATE_SUFFIX = `(?:${DATE_SUFFIXES.join('|')})`;
const UNIT = `(?:${UNITS.map(escape).join('|')})`;

const keywordRe = new RegExp(`^(?:${KEYWORDS.join('|')})(?=[\\s「《（(]|$)`, 'u');
const aliasRe = new RegExp(`^${ALIAS}`, 'u');
const clauseKeyRe = new RegExp(`^[${HAN.slice(0)}A-Za-z]{1,8}(?=\\s*[：:])`, 'u');
const dateRe = new RegExp(
  `^(?:${DIGITS}{4}年(?:${DIGITS}{1,2}月(?:${DIGITS}{1,2}[日号])?)?${DATE_SUFFIX}?|${DIGITS}{1,2}月(?:${DIGITS}{1,2}[日号])?${DATE_SUFFIX}?|${DIGITS}{4}-${DIGITS}{2}-${DIGITS}{2})`,
  'u',
);
const numberRe = new RegExp(
  `^(?:[±+\\-＋－]?${DIGITS}+(?:[.．]${DIGITS}+)?|${CN_NUM}+(?=${SCALE}?${UNIT}))${SCALE}?${UNIT}?(?:[/／]${UNIT})*`,
  'u',
);
// Comparators of more than one character: 近, 内 and the symbols are too common inside words.
const comparatorRe = new RegExp(
  `^(?:${COMPARATORS.filter((w) => w.length > 1)
    .concat(HEDGES)
    .map(escape)
    .join('|')})`,
  'u',
);

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

/** The keyword of the item whose block `text` (everything before the cursor's line) ends inside,
 * or null at the top level: the line of the innermost `{` not yet closed. */
export function enclosingItem(text: string): string | null {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '}' || c === '｝') depth++;
    else if (c === '{' || c === '｛') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const head = text.slice(text.lastIndexOf('\n', i) + 1, i).trimStart();
      return ITEM_KEYWORDS.find((k) => head.startsWith(k)) ?? null;
    }
  }
  return null;
}

/** What may start a statement inside `item` (null: the file's top level). */
export function statementStarts(item: string | null): Completion[] {
  const key = (label: string): Completion => ({ label, type: 'property', apply: `${label}：` });
  const kw = (label: string): Completion => ({ label, type: 'keyword', apply: `${label} ` });
  if (item === null) return [...TOP_LEVEL_KEYWORDS.map(kw), ...TOP_LEVEL_KEYS.map(key)];
  const contents = ITEM_CONTENTS[item];
  if (!contents) return [];
  return [...contents.keys.map(key), ...contents.items.map(kw)];
}

function completions(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const word = /^[\s\u3000]*(\p{Script=Han}*)$/u.exec(before);
  if (!word || (!word[1] && !context.explicit)) return null;
  const item = enclosingItem(context.state.doc.sliceString(0, line.from));
  return {
    from: context.pos - word[1].length,
    options: statementStarts(item),
    validFor: /^\p{Script=Han}*$/u,
  };
}

export const zhengceLanguage = StreamLanguage.define<State>({
  name: 'zhengce',
  startState: () => ({ statementStart: true, inQuote: false, afterKeyword: false }),
  copyState: (s) => ({ ...s }),
  token,
  languageData: { commentTokens: { line: '//' }, autocomplete: completions },
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
