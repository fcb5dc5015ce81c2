// The server tier against a scripted server on 127.0.0.1: every failure it must report in one
// line (naming the server), the one retry of 429/5xx, the request shapes it sends (n samples in
// one request, FIM tokens, seed, stop, key), and a cascade whose server tier fails while the
// local tier still answers.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServerBackend, type ServerBackendOptions, type ServerState } from '../../src/engine/server/ServerBackend';
import { ServerError, type ServerFailure } from '../../src/engine/server/ServerError';
import { AbortError } from '../../src/engine/errors';
import { completionEvents, type FaultReply, type FaultServer, startFaultServer } from '../fixtures/faultServer';
import { runCli } from '../helpers/runCli';

const ROOT = path.resolve(__dirname, '..', '..');
const PREFIX = '/** Returns the square of n. */\nfunction square(n) {\n  ';

describe('server tier against a fault server (loopback)', function () {
  let server: FaultServer;
  const backend = (options: Partial<ServerBackendOptions> = {}) => new ServerBackend({ server: server.origin, retryDelayMs: 1, ...options });
  /** Replies with `reply` on `path`, and like a plain OpenAI-compatible server elsewhere. */
  const onPath = (path: string, reply: (count: number) => FaultReply) => {
    const fallback = server.reply;
    server.reply = (request, count) => (request.path === path ? reply(count) : fallback(request, count));
  };
  const failure = async (work: Promise<unknown>, expected: ServerFailure): Promise<ServerError> => {
    const error = await work.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ServerError, `expected a ServerError, got ${String(error)}`);
    assert.equal(error.failure, expected, error.message);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error;
  };

  beforeEach(async () => (server = await startFaultServer()));
  afterEach(() => server.close());

  it('streams a completion from /v1/completions when the server has no /infill and no known template (prefix only)', async () => {
    const generation = await backend().generate({ prefix: PREFIX, suffix: '\n}\n', maxTokens: 32, temperature: 0 });
    assert.equal(generation.text, 'return n * n;\n}');
    assert.equal(generation.infill, false);
    const sent = server.requests.find((r) => r.path === '/v1/completions')!;
    assert.equal(sent.body!.prompt, PREFIX);
    assert.equal(sent.body!.stream, true);
    assert.equal(sent.body!.max_tokens, 32);
  });

  it("puts a FIM template's tokens in the prompt (named by the tier, or recognised from the model name) and adds its stop tokens", async () => {
    await backend({ fim: 'qwen' }).generate({ prefix: PREFIX, suffix: '\n}\n', maxTokens: 8, temperature: 0, stop: ['\n\n\n'] });
    const sent = server.requests.find((r) => r.path === '/v1/completions')!;
    assert.equal(sent.body!.prompt, `<|fim_prefix|>${PREFIX}<|fim_suffix|>\n}\n<|fim_middle|>`);
    assert.deepEqual((sent.body!.stop as string[]).slice(0, 2), ['\n\n\n', '<|endoftext|>']);

    onPath('/v1/models', () => ({ json: { data: [{ id: 'bigcode/starcoder2-15b' }] } }));
    const generation = await backend({ model: 'bigcode/starcoder2-15b' }).generate({ prefix: 'a', suffix: 'b', maxTokens: 8, temperature: 0 });
    assert.equal(generation.infill, true);
    assert.equal(server.requests.at(-1)!.body!.prompt, '<fim_prefix>a<fim_suffix>b<fim_middle>');
    assert.equal(server.requests.at(-1)!.body!.model, 'bigcode/starcoder2-15b');
  });

  it('sends k samples of one prompt as one request with n, seed, temperature and top_p, and splits the choices by index', async () => {
    onPath('/v1/completions', () => ({
      events: [...completionEvents(['a1', 'a2'], 'stop', 0), ...completionEvents(['b1'], 'length', 1), ...completionEvents(['c1'], 'stop', 2), '[DONE]'],
    }));
    const requests = [0, 1, 2].map((i) => ({ prefix: 'p', maxTokens: 16, temperature: 0.8, seed: 7 + i }));
    const generations = await backend().generateMany(requests);
    const sent = server.requests.filter((r) => r.path === '/v1/completions');
    assert.equal(sent.length, 1, 'one request');
    assert.deepEqual([sent[0].body!.n, sent[0].body!.seed, sent[0].body!.temperature, sent[0].body!.top_p], [3, 7, 0.8, 0.95]);
    assert.deepEqual(generations.map((g) => [g.text, g.stopReason, g.tokens]), [['a1a2', 'eos', 2], ['b1', 'maxTokens', 1], ['c1', 'eos', 1]]);
  });

  it('closes the stream once every choice has what stopAt wants, and reports the cut', async () => {
    onPath('/v1/completions', () => ({ events: completionEvents(['return 1;', ' // more']), end: 'hang' }));
    const generation = await backend().generate({ prefix: 'p', maxTokens: 16, temperature: 0, stopAt: (text) => (text.includes(';') ? text.indexOf(';') + 1 : undefined) });
    assert.deepEqual([generation.text, generation.stopReason], ['return 1;', 'complete']);
    await server.closed('/v1/completions');
  });

  it('a cancelled request aborts the HTTP request (the server sees the connection close) and rejects with AbortError', async () => {
    onPath('/v1/completions', () => ({ events: completionEvents(['ret']).slice(0, 1), end: 'hang' }));
    const controller = new AbortController();
    const pending = backend().generate({ prefix: 'p', maxTokens: 16, temperature: 0, signal: controller.signal, stopAt: () => void controller.abort() });
    await assert.rejects(pending, AbortError);
    await server.closed('/v1/completions');
  });

  it('sends the API key as a bearer token', async () => {
    await backend({ apiKey: 'sk-test-123' }).generate({ prefix: 'p', maxTokens: 4, temperature: 0 });
    assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer sk-test-123'));
  });

  it('connection refused: names the server and says to start it', async () => {
    const origin = server.origin;
    await server.close();
    const error = await failure(new ServerBackend({ server: origin }).load(), 'refused');
    assert.match(error.message, new RegExp(`Server 127\\.0\\.0\\.1:\\d+: connection refused at ${origin.replace(/\./g, '\\.')}`));
  });

  it('timeout: no first byte within timeoutMs', async () => {
    server.reply = () => ({ hang: true });
    const error = await failure(backend({ timeoutMs: 150 }).load(), 'timeout');
    assert.match(error.message, /no answer within 150 ms.*timeoutMs/);
  });

  it('timeout: a stream that stalls after its first token', async () => {
    onPath('/v1/completions', () => ({ events: completionEvents(['ret']).slice(0, 1), end: 'hang' }));
    await failure(backend({ timeoutMs: 150 }).generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'timeout');
  });

  for (const status of [401, 403]) {
    it(`${status}: says how to set the key, and does not retry`, async () => {
      server.reply = () => ({ json: { error: { message: 'Invalid API key', type: 'authentication_error' } }, status });
      const error = await failure(backend().load(), 'auth');
      assert.match(error.message, /Cascade: set server API key/);
      assert.equal(server.requests.length, 1);
    });
  }

  it('404 model: a server that routes by name and does not list the tier\'s model', async () => {
    const error = await failure(backend({ model: 'qwen-32b' }).load(), 'model');
    assert.match(error.message, /does not serve model "qwen-32b" \(it serves "coder"\)/);
  });

  it('404 model: the completion request itself answers 404 for the model (vLLM\'s message)', async () => {
    onPath('/v1/completions', () => ({ json: { object: 'error', message: 'The model `qwen-32b` does not exist.', type: 'NotFoundError', code: 404 }, status: 404 }));
    server.reply = ((fallback) => (request, count) => (request.path === '/v1/models' ? { json: { data: [] } } : fallback(request, count)))(server.reply);
    const error = await failure(backend({ model: 'qwen-32b' }).generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'model');
    assert.match(error.message, /404 model not found: The model `qwen-32b` does not exist\./);
  });

  it('429: retried once after Retry-After, and the retry answers', async () => {
    onPath('/v1/completions', (count) => (count === 1 ? { json: { error: { message: 'slow down' } }, status: 429, headers: { 'retry-after': '0' } } : { events: completionEvents(['ok']) }));
    const generation = await backend().generate({ prefix: 'p', maxTokens: 4, temperature: 0 });
    assert.equal(generation.text, 'ok');
    assert.equal(server.requests.filter((r) => r.path === '/v1/completions').length, 2);
  });

  it('429 twice: the tier is skipped for this request after exactly one retry', async () => {
    onPath('/v1/completions', () => ({ json: { error: { message: 'slow down' } }, status: 429 }));
    const error = await failure(backend().generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'busy');
    assert.match(error.message, /429 too many requests: slow down — the server is busy; this tier is skipped/);
    assert.equal(server.requests.filter((r) => r.path === '/v1/completions').length, 2);
  });

  it('5xx twice: one retry, then a message with the server\'s own words', async () => {
    onPath('/v1/completions', () => ({ text: 'upstream crashed\nstack…', status: 503 }));
    const error = await failure(backend().generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'server');
    assert.match(error.message, /503 server error: upstream crashed — this tier is skipped/);
    assert.equal(server.requests.filter((r) => r.path === '/v1/completions').length, 2);
  });

  it('an error event inside the stream', async () => {
    onPath('/v1/completions', () => ({ events: [JSON.stringify({ error: { code: 400, message: 'the request exceeds the available context size', type: 'exceed_context_size_error' } })] }));
    const error = await failure(backend().generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'rejected');
    assert.match(error.message, /exceeds the available context size/);
  });

  it('malformed JSON: in a stream, and as the answer to /v1/models', async () => {
    onPath('/v1/completions', () => ({ events: ['{"choices": [{"text": "a"'] }));
    await failure(backend().generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'malformed');
    server.reply = () => ({ text: '<html>proxy login</html>', status: 200 });
    const error = await failure(backend().load(), 'malformed');
    assert.match(error.message, /\/props answered with malformed JSON/);
  });

  it('a connection closed before any answer (a stale keep-alive socket) is retried at once, and the retry answers', async () => {
    onPath('/v1/completions', (count) => (count === 1 ? { destroy: true } : { events: completionEvents(['ok']) }));
    const generation = await backend({ retryDelayMs: 60_000 }).generate({ prefix: 'p', maxTokens: 4, temperature: 0 });
    assert.equal(generation.text, 'ok');
    assert.equal(server.requests.filter((r) => r.path === '/v1/completions').length, 2);
  });

  it('truncated: a stream that ends before its finish, and a connection dropped mid-stream', async () => {
    onPath('/v1/completions', () => ({ events: completionEvents(['ret']).slice(0, 1) }));
    const ended = await failure(backend().generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'truncated');
    assert.match(ended.message, /ended before the answer did/);
    onPath('/v1/completions', () => ({ events: completionEvents(['ret']).slice(0, 1), end: 'destroy' }));
    await failure(backend().generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'truncated');
  });

  it('reports its state: unknown, ready after an answer, failing with the message after a failure', async () => {
    const model = backend();
    const states: string[] = [];
    model.onStateChange((state) => states.push(state.kind));
    assert.equal(model.state.kind, 'unknown');
    await model.generate({ prefix: 'p', maxTokens: 4, temperature: 0 });
    onPath('/v1/completions', () => ({ json: {}, status: 500 }));
    await failure(model.generate({ prefix: 'p', maxTokens: 4, temperature: 0 }), 'server');
    assert.deepEqual(states, ['ready', 'failing']);
    const state = model.state as ServerState;
    assert.match(state.kind === 'failing' ? state.message : '', /500 server error/);
  });

  it('a cascade whose server tier is refused still answers from its local tier, and the trace names both (CLI)', async function () {
    this.timeout(120_000);
    const origin = server.origin;
    await server.close();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-server-'));
    const tiers = path.join(dir, 'tiers.json');
    writeFileSync(tiers, JSON.stringify({ tiers: [{ server: origin, samples: 1, testsPerSample: 2 }, { model: path.join(ROOT, 'models', 'toy', 'toy-m.gguf'), samples: 1, testsPerSample: 2 }] }));
    const run = await runCli('complete', path.join(ROOT, 'test', 'fixtures', 'demo', 'cube.js'), '--line', '3', '--tiers', tiers);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`tier 1 \\(server 127\\.0\\.0\\.1:\\d+\\): skipped: Server 127\\.0\\.0\\.1:\\d+: connection refused`));
    assert.match(run.stdout, /tier 2 \(toy-m\.gguf\): 1 candidates/);
    assert.match(run.stdout, /--- completion ---\n.*return/);
  });
});
