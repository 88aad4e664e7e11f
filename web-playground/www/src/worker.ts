// The compiler's thread: the page posts requests, this worker runs them in wasm, so typing in the
// editor never waits for a compile. One request at a time, in the order they come.
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

const ready = init();
// The editor's check keeps the set between calls and checks only what each edit changed
// (zhengce_compiler::Workspace); it answers as the stateless `check` does.
let checker: zc.Checker | undefined;

const functions: Record<Op, (request: string) => string> = {
  check: (request) => (checker ??= new zc.Checker()).check(request),
  build: zc.build,
  evaluate: zc.evaluate,
  due: zc.due,
  score: zc.score,
  progress: zc.progress,
  examples: zc.examples,
  format: zc.format,
  capabilities: () => zc.capabilities(),
};

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, op, request } = event.data;
  let reply: WorkerReply;
  try {
    await ready;
    reply = { id, answer: functions[op](request) };
  } catch (err) {
    const message = `编译器内部错误:${String(err)}`;
    reply = { id, answer: JSON.stringify({ ok: false, error: { message } }), crashed: true };
    checker = undefined;
  }
  (self as unknown as Worker).postMessage(reply);
};
