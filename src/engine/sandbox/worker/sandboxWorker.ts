// Worker-thread entry (bundled to dist/sandboxWorker.js): runs programs for SandboxPool,
// one at a time, each in a fresh QuickJS runtime.
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { DoneMessage, LoadingMessage, RunMessage, StartedMessage } from '../protocol';
import { ModuleHost } from './ModuleHost';
import { prepareProgram } from './prepareProgram';
import { QuickJSEngines } from './QuickJSEngines';
import { runInQuickJS } from './runInQuickJS';
import { shortMessage } from './RunState';
import { TranspileCache } from './TranspileCache';

const port = parentPort;
if (!port) throw new Error('sandboxWorker must run in a worker thread');
// esbuild.config.mjs copies the QuickJS wasm next to this bundle.
const engines = new QuickJSEngines(path.join(__dirname, 'quickjs.wasm'));
// Transpiled module files, kept across runs: every candidate of a request imports the same ones.
const transpiled = new TranspileCache();

async function handle(message: RunMessage): Promise<DoneMessage> {
  const startedAt = performance.now();
  const elapsed = (): number => Math.round((performance.now() - startedAt) * 100) / 100;
  let code: string;
  try {
    code = prepareProgram(message.code, message.language);
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { type: 'done', id: message.id, outcome: { status: 'error', ms: elapsed(), message: shortMessage(text) } };
  }
  const module = await engines.forLimit(message.limits.memoryBytes);
  const started = (): void => port?.postMessage({ type: 'started', id: message.id } satisfies StartedMessage);
  const modules = new ModuleHost(message.modules, transpiled, {
    loading: () => port?.postMessage({ type: 'loading', id: message.id } satisfies LoadingMessage),
    resumed: started,
  });
  started();
  const { outcome, fatal } = runInQuickJS(module, code, message.limits, modules);
  return { type: 'done', id: message.id, outcome: { ...outcome, ms: elapsed() }, fatal };
}

// The pool sends one run at a time; chaining keeps runs strictly sequential regardless.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: RunMessage) => {
  queue = queue.then(async () => {
    const done = await handle(message);
    port.postMessage(done);
    // A crashed wasm module cannot be trusted: exit so the pool starts a fresh worker.
    if (done.fatal) process.exit(1);
  });
});
