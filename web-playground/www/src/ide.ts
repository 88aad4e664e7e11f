// The editor's hover, completion and quick fixes, answered in the worker by the compiler's ide
// layer (web-playground/src/ide.rs) — the same code `zhengce lsp` answers VS Code and other
// editors with, so a reviewer gets the same answers in the browser.
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { Action } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { hoverTooltip, type EditorView } from '@codemirror/view';

import type { CompletionKind, CompletionOut, FileIn, FixOut, HoverOut } from '../../src/types';
import type { Compiler } from './compiler';

export interface IdeDeps {
  compiler: Compiler;
  /** Every file of the set with its current text. */
  files: () => FileIn[];
  /** The name of the file in the editor. */
  active: () => string;
}

/** Hover and completion for the editor. */
export function ideExtensions(deps: IdeDeps) {
  // One function for the whole session: the completion machinery tells sources apart by
  // identity, and restarts a query whose source looks new.
  const source = (ctx: CompletionContext) => complete(deps, ctx);
  return [
    hoverTooltip(
      async (_view, pos) => {
        const answer = await deps.compiler.call<HoverOut | null>('hover', {
          files: deps.files(),
          file: deps.active(),
          offset: pos,
        });
        if (!answer.ok || !answer.result) return null;
        const { from, to, markdown } = answer.result;
        return {
          pos: from,
          end: to,
          above: true,
          create: () => ({ dom: renderMarkdown(markdown) }),
        };
      },
      { hoverTime: 300 },
    ),
    // basicSetup's autocompletion asks the language data for sources.
    EditorState.languageData.of(() => [{ autocomplete: source }]),
  ];
}

const TYPES: Record<CompletionKind, string> = {
  keyword: 'keyword',
  clause_key: 'property',
  department: 'class',
  department_class: 'class',
  scope: 'enum',
  fact: 'variable',
  fact_value: 'constant',
  rule: 'function',
  target: 'type',
  measure: 'method',
  scheme: 'namespace',
  assess_entry: 'property',
  document: 'text',
  unit: 'text',
  code: 'constant',
};

async function complete(deps: IdeDeps, ctx: CompletionContext): Promise<CompletionResult | null> {
  const answer = await deps.compiler.call<CompletionOut[]>('complete', {
    files: deps.files(),
    file: deps.active(),
    offset: ctx.pos,
  });
  if (ctx.aborted || !answer.ok || answer.result.length === 0) return null;
  const items = answer.result;
  return {
    from: Math.min(...items.map((c) => c.from)),
    options: items.map((c, i) => ({
      label: c.label,
      detail: c.detail,
      type: TYPES[c.kind],
      apply: c.insert,
      boost: -i / items.length, // the compiler's order
    })),
    validFor: /^[^\s：:、，,=＝；;{}｛｝]*$/u,
  };
}

// ── quick fixes ─────────────────────────────────────────────────────────────

let fixes: FixOut[] = [];
/** The file and text the fixes were computed for: a fix is applied only to that text. */
let fixedFile = '';
let fixedText = '';

/** Asks the worker for the fixes of the file in the editor, then calls `then` (to redraw the
 * underlines with their actions). */
export async function refreshFixes(deps: IdeDeps, text: string, then: () => void): Promise<void> {
  const file = deps.active();
  const answer = await deps.compiler.call<FixOut[]>('fixes', { files: deps.files(), file });
  fixes = answer.ok ? answer.result : [];
  fixedFile = file;
  fixedText = text;
  then();
}

/** The quick fixes of the diagnostic `code` underlined at `from`..`to` in `file`, as lint
 * actions. */
export function fixActions(file: string, code: string, from: number | null, to: number | null): Action[] {
  if (file !== fixedFile) return [];
  return fixes
    .filter((f) => f.code === code && f.from === from && f.to === to)
    .map((f) => ({
      name: f.title,
      apply(view: EditorView) {
        // Edited since: the offsets no longer hold. The next check brings new fixes.
        if (view.state.doc.toString() !== fixedText) return;
        view.dispatch({ changes: f.edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })) });
      },
    }));
}

// ── a little Markdown for the hover ─────────────────────────────────────────

/** Paragraphs, `---` rules, **bold** and `code`: what the compiler's hover text uses. Built as
 * DOM nodes, never as HTML (the text is the file's own). */
export function renderMarkdown(markdown: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'zc-hover';
  for (const block of markdown.split(/\n{2,}/)) {
    if (block.trim() === '---') {
      box.append(document.createElement('hr'));
      continue;
    }
    const p = document.createElement('p');
    for (const part of block.split(/(\*\*[^*]+\*\*|`[^`]+`)/)) {
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4) {
        const b = document.createElement('strong');
        b.textContent = part.slice(2, -2);
        p.append(b);
      } else if (part.startsWith('`') && part.endsWith('`') && part.length > 2) {
        const c = document.createElement('code');
        c.textContent = part.slice(1, -1);
        p.append(c);
      } else if (part) {
        p.append(document.createTextNode(part));
      }
    }
    box.append(p);
  }
  return box;
}
