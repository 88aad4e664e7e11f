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
  | 'hover'
  | 'complete'
  | 'fixes'
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

const functions: Record<Op, (request: string) => string> = {
  check: zc.check,
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
  capabilities: () => zc.capabilities(),
};

const ready = init();

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, op, request } = event.data;
  let reply: WorkerReply;
  try {
    await ready;
    reply = { id, answer: functions[op](request) };
  } catch (err) {
    const message = `编译器内部错误:${String(err)}`;
    reply = { id, answer: JSON.stringify({ ok: false, error: { message } }), crashed: true };
  }
  (self as unknown as Worker).postMessage(reply);
};
