// Worker-thread entry (bundled to dist/sandboxWorker.js): runs programs for SandboxPool,
// one at a time, each in a QuickJS VM restored to its pristine memory image (PristineVM).
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { DoneMessage, PoolMessage, RunMessage, WorkerData } from '../protocol';
import { RunDeadline } from '../RunDeadline';
import { ModuleHost } from './ModuleHost';
import { prepareProgram } from './prepareProgram';
import { QuickJSEngines } from './QuickJSEngines';
import { runInQuickJS } from './runInQuickJS';
import { shortMessage } from './RunState';
import { TranspileCache } from './TranspileCache';

const port = parentPort;
if (!port) throw new Error('sandboxWorker must run in a worker thread');
const deadline = new RunDeadline((workerData as WorkerData).deadline);
// esbuild.config.mjs copies the QuickJS wasm next to this bundle.
const engines = new QuickJSEngines(path.join(__dirname, 'quickjs.wasm'));
// Transpiled module files, kept across runs: every candidate of a request imports the same ones.
const transpiled = new TranspileCache();

async function handle(message: RunMessage): Promise<DoneMessage> {
  const startedAt = performance.now();
  const elapsed = (): number => Math.round((performance.now() - startedAt) * 100) / 100;
  deadline.preparing(message.id);
  let code: string;
  try {
    code = prepareProgram(message.code, message.language);
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { type: 'done', id: message.id, outcome: { status: 'error', ms: elapsed(), message: shortMessage(text) } };
  }
  const vm = await engines.forLimit(message.limits.memoryBytes);
  const running = (): void => deadline.running(message.id, message.limits.timeoutMs);
  const modules = new ModuleHost(message.modules, transpiled, { loading: () => deadline.preparing(message.id), resumed: running });
  running();
  const { outcome, fatal } = runInQuickJS(vm, code, message.limits, modules);
  return { type: 'done', id: message.id, outcome: { ...outcome, ms: elapsed() }, fatal };
}

// Runs the pool sent ahead, in order. Between runs the event loop turns, so cancellations
// and new runs that arrived meanwhile are seen before the next run starts.
const waiting: RunMessage[] = [];
let draining = false;

async function drain(): Promise<void> {
  const message = waiting.shift();
  if (!message) {
    draining = false;
    return;
  }
  const done = await handle(message);
  port?.postMessage(done);
  // A crashed wasm module cannot be trusted: exit so the pool starts a fresh worker.
  if (done.fatal) process.exit(1);
  setImmediate(() => void drain());
}

port.on('message', (message: PoolMessage) => {
  if (message.type === 'cancel') {
    const index = waiting.findIndex((queued) => queued.id === message.id);
    if (index >= 0) {
      waiting.splice(index, 1);
      port.postMessage({ type: 'done', id: message.id } satisfies DoneMessage);
    }
    return;
  }
  waiting.push(message);
  if (!draining) {
    draining = true;
    setImmediate(() => void drain());
  }
});
