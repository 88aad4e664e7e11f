// The page's side of the compiler worker: promise-returning calls, and a fresh worker if the
// wasm ever traps.
import type { Answer, Capabilities } from '../../src/types';
import type { Op, WorkerReply, WorkerRequest } from './worker';

type Pending = { resolve: (answer: Answer<unknown>) => void };

export class Compiler {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor() {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const { id, answer, crashed } = event.data;
      const pending = this.pending.get(id);
      this.pending.delete(id);
      if (crashed) this.restart();
      pending?.resolve(JSON.parse(answer) as Answer<unknown>);
    };
    this.worker.onerror = (event) => {
      const message = `编译器无法启动:${event.message || '未知错误'}`;
      for (const p of this.pending.values()) p.resolve({ ok: false, error: { message } });
      this.pending.clear();
    };
  }

  private restart(): void {
    this.worker.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) {
      p.resolve({ ok: false, error: { message: '编译器已重新启动,请重试' } });
    }
    this.start();
  }

  call<T>(op: Op, request: unknown): Promise<Answer<T>> {
    const id = this.nextId++;
    const message: WorkerRequest = { id, op, request: JSON.stringify(request ?? {}) };
    return new Promise((resolve) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'] });
      this.worker.postMessage(message);
    });
  }

  async capabilities(): Promise<Capabilities> {
    const answer = await this.call<Capabilities>('capabilities', {});
    if (answer.ok) return answer.result;
    throw new Error(answer.error.message);
  }
}
