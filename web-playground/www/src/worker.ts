// The compiler's thread: the page posts requests, this worker runs them in wasm, so typing in the
// editor never waits for a compile. Requests run in the order they come, each to its end (the
// wasm calls are synchronous); only a draft may wait for its module while others go on.
//
// Two wasm modules: the compiler (loaded with the worker) and the drafter (从原文起草), which is
// fetched by a dynamic import the first time it is asked for ('loadDraft' when the panel opens,
// or 'draft'), so a page that never drafts never downloads it.
import init, * as zc from '../../pkg/zhengce_playground.js';

export type Op =
  | 'check'
  | 'build'
  | 'evaluate'
  | 'due'
  | 'score'
  | 'progress'
  | 'examples'
  | 'format'
  | 'hover'
  | 'complete'
  | 'fixes'
  | 'draft'
  | 'loadDraft'
  | 'capabilities';

export interface WorkerRequest {
  id: number;
  op: Op;
  request: string;
}

export interface WorkerReply {
  id: number;
  /** The function's JSON answer. */
  answer: string;
  /** The wasm trapped (a bug): the page starts a fresh worker. */
  crashed?: boolean;
}

type Drafter = typeof import('../../pkg/zhengce_draft.js');

let drafter: Promise<Drafter> | null = null;

/** The drafter module, fetched and instantiated once; a failed fetch is tried again next time. */
function loadDrafter(): Promise<Drafter> {
  if (!drafter) {
    drafter = import('../../pkg/zhengce_draft.js').then(async (module) => {
      await module.default();
      return module;
    });
    drafter.catch(() => { drafter = null; });
  }
  return drafter;
}

/** Runs `f` with the drafter; a module that cannot be fetched is an answer, not a crash. */
async function withDrafter(f: (module: Drafter) => string): Promise<string> {
  let module: Drafter;
  try {
    module = await loadDrafter();
  } catch (err) {
    const message = `起草模块无法加载:${String(err)}`;
    return JSON.stringify({ ok: false, error: { message } });
  }
  return f(module);
}

// The editor's check keeps the set between calls and checks only what each edit changed
// (zhengce_compiler::Workspace); it answers as the stateless `check` does.
let checker: zc.Checker | undefined;

const functions: Record<Op, (request: string) => string | Promise<string>> = {
  check: (request) => (checker ??= new zc.Checker()).check(request),
  build: zc.build,
  evaluate: zc.evaluate,
  due: zc.due,
  score: zc.score,
  progress: zc.progress,
  examples: zc.examples,
  format: zc.format,
  hover: zc.hover,
  complete: zc.complete,
  fixes: zc.fixes,
  draft: (request) => withDrafter((module) => module.draft(request)),
  loadDraft: () => withDrafter(() => '{"ok":true,"result":null}'),
  capabilities: () => zc.capabilities(),
};

const ready = init();

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, op, request } = event.data;
  let reply: WorkerReply;
  try {
    await ready;
    reply = { id, answer: await functions[op](request) };
  } catch (err) {
    const message = `编译器内部错误:${String(err)}`;
    reply = { id, answer: JSON.stringify({ ok: false, error: { message } }), crashed: true };
    checker = undefined;
  }
  (self as unknown as Worker).postMessage(reply);
};
