import assert from 'node:assert/strict';
import { CascadeError, ConfigError } from '../../src/engine/errors';
import { apiKeyFromEnv } from '../../src/engine/model/TierModels';
import { ServerError } from '../../src/engine/server/ServerError';
import { connectionFailure, errorFromResponse, errorFromStream, type ServerAddress } from '../../src/engine/server/serverFailures';

const ADDRESS: ServerAddress = { base: 'http://10.0.0.2:8000', host: '10.0.0.2:8000', model: 'qwen2.5-coder:7b' };
const BARE: ServerAddress = { base: 'http://10.0.0.2:8000', host: '10.0.0.2:8000' };
const PATH = '/v1/completions';

const respond = (status: number, text = '', options: { headers?: Record<string, string>; sentKey?: boolean; address?: ServerAddress } = {}) =>
  errorFromResponse(options.address ?? ADDRESS, PATH, { status, headers: new Headers(options.headers) }, text, options.sentKey ?? false) as ServerError & { retryAfterMs?: number };

const oneLine = (message: string) => assert.doesNotMatch(message, /[\r\n]/, `not one line: ${JSON.stringify(message)}`);

describe('apiKeyFromEnv', () => {
  it('is undefined when the tier names no variable', () => {
    assert.equal(apiKeyFromEnv({ server: 'http://h:1' }, { CASCADE_KEY: 'x' }), undefined);
    assert.equal(apiKeyFromEnv({ server: 'http://h:1', apiKeyEnv: '' }, {}), undefined);
  });

  it('reads the variable from the env object given, not process.env', () => {
    assert.equal(apiKeyFromEnv({ server: 'http://h:1', apiKeyEnv: 'CASCADE_KEY' }, { CASCADE_KEY: 'sk-123' }), 'sk-123');
    const name = 'CASCADE_TEST_ONLY_KEY_3141';
    process.env[name] = 'from-process';
    try {
      assert.equal(apiKeyFromEnv({ server: 'http://h:1', apiKeyEnv: name }, { [name]: 'from-object' }), 'from-object');
      assert.throws(() => apiKeyFromEnv({ server: 'http://h:1', apiKeyEnv: name }, {}), ConfigError);
      assert.equal(apiKeyFromEnv({ server: 'http://h:1', apiKeyEnv: name }), 'from-process');
    } finally {
      delete process.env[name];
    }
  });

  it('throws a ConfigError naming the variable and the server when it is unset or empty', () => {
    for (const env of [{}, { CASCADE_KEY: '' }]) {
      assert.throws(
        () => apiKeyFromEnv({ server: 'https://api.example.com', apiKeyEnv: 'CASCADE_KEY' }, env),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /\$CASCADE_KEY, which is not set/);
          assert.match(error.message, /https:\/\/api\.example\.com/);
          return true;
        },
      );
    }
  });
});

describe('errorFromResponse', () => {
  it('makes a ServerError (a CascadeError) carrying the status', () => {
    const error = respond(500);
    assert.ok(error instanceof ServerError);
    assert.ok(error instanceof CascadeError);
    assert.equal(error.status, 500);
  });

  it('names the server and, when there is one, the model', () => {
    assert.match(respond(500).message, /^Server 10\.0\.0\.2:8000 \(model "qwen2\.5-coder:7b"\): 500/);
    assert.match(respond(500, '', { address: BARE }).message, /^Server 10\.0\.0\.2:8000: 500/);
  });

  it('401 without a key sent: asks for one', () => {
    const error = respond(401, '{"error":{"message":"Invalid API Key"}}');
    assert.equal(error.failure, 'auth');
    assert.equal(error.retryable, false);
    assert.match(error.message, /: 401 unauthorized — it wants an API key: "Cascade: set server API key", or name an environment variable in the tier's "apiKeyEnv"$/);
  });

  it('401 with a key sent: says the key was refused', () => {
    const error = respond(401, '', { sentKey: true });
    assert.equal(error.failure, 'auth');
    assert.match(error.message, /: 401 unauthorized — the API key was refused: set the right one/);
    assert.doesNotMatch(error.message, /it wants an API key/);
  });

  it('403 is an auth failure too, called forbidden', () => {
    assert.equal(respond(403).failure, 'auth');
    assert.match(respond(403).message, /: 403 forbidden — it wants an API key/);
    assert.match(respond(403, '', { sentKey: true }).message, /: 403 forbidden — the API key was refused/);
  });

  it('404 whose body speaks of the model: model not found, with the server\'s words', () => {
    const error = respond(404, '{"error":{"message":"The model `gpt-5` does not exist","type":"invalid_request_error"}}');
    assert.equal(error.failure, 'model');
    assert.equal(error.status, 404);
    assert.match(error.message, /: 404 model not found: The model `gpt-5` does not exist — fix the tier's "model"/);
    assert.equal(respond(404, '{"message":"Model not found: x"}').failure, 'model');
  });

  it('404 otherwise: the endpoint is missing, naming the path and the base URL', () => {
    for (const body of ['', 'Not Found', '{"detail":"Not Found"}', '<html><body>404</body></html>']) {
      const error = respond(404, body);
      assert.equal(error.failure, 'endpoint', body);
      assert.match(error.message, /: 404 for \/v1\/completions — is http:\/\/10\.0\.0\.2:8000 an OpenAI-compatible server/);
    }
  });

  it('429: busy and retryable, with the server\'s message', () => {
    const error = respond(429, '{"error":{"message":"Rate limit reached"}}');
    assert.equal(error.failure, 'busy');
    assert.equal(error.retryable, true);
    assert.match(error.message, /: 429 too many requests: Rate limit reached — the server is busy/);
  });

  it('takes Retry-After seconds as retryAfterMs, ignoring what is not a number', () => {
    assert.equal(respond(429, '', { headers: { 'Retry-After': '2' } }).retryAfterMs, 2000);
    assert.equal(respond(503, '', { headers: { 'retry-after': '0.5' } }).retryAfterMs, 500);
    assert.equal(respond(429, '', { headers: { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' } }).retryAfterMs, undefined);
    assert.equal(respond(429, '', { headers: { 'Retry-After': '-3' } }).retryAfterMs, undefined);
  });

  // Regression (serverFailures.ts, found by these tests): Number(headers.get('retry-after')) is Number(null)
  // = 0 when the header is absent, so every error gets retryAfterMs 0 and ServerBackend's
  // retryDelay (`error.retryAfterMs ?? fallback`) retries at once instead of after 500 ms.
  it('sets no retryAfterMs without a Retry-After header', () => {
    assert.equal(respond(429).retryAfterMs, undefined);
    assert.equal(respond(503).retryAfterMs, undefined);
    assert.equal(respond(503, '', { headers: { 'Retry-After': '' } }).retryAfterMs, undefined);
  });

  it('5xx: a server error, retryable, with the server\'s message', () => {
    for (const status of [500, 502, 503]) {
      const error = respond(status, '{"error":{"message":"CUDA out of memory"}}');
      assert.equal(error.failure, 'server');
      assert.equal(error.retryable, true);
      assert.match(error.message, new RegExp(`: ${status} server error: CUDA out of memory — this tier is skipped`));
    }
    assert.match(respond(500).message, /: 500 server error — this tier/);
  });

  it('other 4xx: rejected, not retried, with the path and the server\'s message', () => {
    const error = respond(400, '{"error":{"message":"prompt is too long","code":400}}');
    assert.equal(error.failure, 'rejected');
    assert.equal(error.retryable, false);
    assert.equal(error.status, 400);
    assert.match(error.message, /: 400 for \/v1\/completions: prompt is too long$/);
    assert.equal(respond(422).failure, 'rejected');
    assert.match(respond(422).message, /: 422 for \/v1\/completions$/);
  });

  it('extracts the message from OpenAI, vLLM, TGI and plain-text bodies', () => {
    const said = (text: string) => /: 400 for \/v1\/completions: (.*)$/.exec(respond(400, text).message)?.[1];
    assert.equal(said('{"error":{"message":"openai says","type":"invalid_request_error","code":null}}'), 'openai says');
    assert.equal(said('{"object":"error","message":"vllm says","type":"BadRequestError","code":400}'), 'vllm says');
    assert.equal(said('{"error":"tgi says","error_type":"validation"}'), 'tgi says');
    assert.equal(said('plain says\nTraceback (most recent call last):\n  File "x"'), 'plain says');
    assert.equal(said('   \n  leading blank lines trimmed\nmore'), 'leading blank lines trimmed');
    assert.equal(said('{"detail":"fastapi says"}'), undefined);
    assert.equal(said('{"error":{"code":500}}'), undefined);
  });

  it('keeps messages on one line and clips them', () => {
    const multi = respond(500, JSON.stringify({ error: { message: 'first\nsecond\r\n\tthird' } }));
    oneLine(multi.message);
    assert.match(multi.message, /: first second third —/);
    const long = respond(400, JSON.stringify({ message: 'x'.repeat(1000) }));
    assert.match(long.message, /: x{200}$/);
    assert.match(respond(400, 'y'.repeat(1000)).message, /: y{200}$/);
    for (const status of [400, 401, 403, 404, 429, 500]) oneLine(respond(status, 'a\nb\nc', { sentKey: true }).message);
  });

  // Regression (serverFailures.ts, found by these tests): plain-text bodies are split on "\n" only, so a
  // CRLF body leaves a "\r" in the one-line message.
  it('keeps a CRLF plain-text body on one line', () => {
    oneLine(respond(500, 'Internal Server Error\r\nat line 2').message);
  });
});

describe('errorFromStream', () => {
  it('classifies an error object sent inside the stream by its code', () => {
    const busy = errorFromStream(ADDRESS, PATH, { code: 503, message: 'Loading model' });
    assert.equal(busy.failure, 'server');
    assert.match(busy.message, /: 503 server error: Loading model/);
    assert.equal(errorFromStream(ADDRESS, PATH, { message: 'boom' }).status, 500);
    assert.equal(errorFromStream(ADDRESS, PATH, { code: 404, message: 'model x not found' }).failure, 'model');
    assert.match(errorFromStream(ADDRESS, PATH, 'oops').message, /: 500 server error: "oops"/);
  });
});

describe('connectionFailure', () => {
  /** What undici's fetch throws: TypeError("fetch failed") with the system error as its cause. */
  const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code} 10.0.0.2:8000`), { code, errno: -111, syscall: 'connect' }) });

  it('ECONNREFUSED before a response, even nested in cause: refused, naming the base URL', () => {
    const error = connectionFailure(ADDRESS, PATH, fetchFailed('ECONNREFUSED'), true);
    assert.ok(error instanceof ServerError);
    assert.equal(error.failure, 'refused');
    assert.equal(error.status, undefined);
    assert.equal(error.retryable, false);
    assert.equal(error.message, 'Server 10.0.0.2:8000 (model "qwen2.5-coder:7b"): connection refused at http://10.0.0.2:8000 — start the server or fix the tier\'s "server" URL');
    const deeper = new Error('outer', { cause: new Error('middle', { cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) }) });
    assert.equal(connectionFailure(ADDRESS, PATH, deeper, true).failure, 'refused');
  });

  it('the nearest code in the cause chain wins', () => {
    const error = Object.assign(new Error('outer'), { code: 'ENOTFOUND', cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) });
    assert.equal(connectionFailure(ADDRESS, PATH, error, true).failure, 'unreachable');
  });

  it('ENOTFOUND and other routing failures: unreachable, naming the code and host', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']) {
      const error = connectionFailure(BARE, PATH, fetchFailed(code), true);
      assert.equal(error.failure, 'unreachable', code);
      assert.equal(error.message, `Server 10.0.0.2:8000: cannot reach 10.0.0.2:8000 (${code}) — check the tier's "server" URL and the network`);
    }
  });

  it('a connection closed before any answer is a reset (retried once); after the response began, a dropped connection', () => {
    const reset = connectionFailure(ADDRESS, PATH, fetchFailed('ECONNRESET'), true);
    assert.equal(reset.failure, 'reset');
    assert.equal(reset.retryable, true);
    assert.match(reset.message, /: the connection closed before \/v1\/completions was answered \(ECONNRESET\)/);
    const dropped = connectionFailure(ADDRESS, PATH, fetchFailed('UND_ERR_SOCKET'), false);
    assert.equal(dropped.failure, 'truncated');
    assert.equal(dropped.retryable, false);
    assert.match(dropped.message, /: the connection dropped during \/v1\/completions \(UND_ERR_SOCKET\) — the server may have restarted/);
    // A refused or unresolvable code seen mid-body is not reported as refused.
    assert.equal(connectionFailure(ADDRESS, PATH, fetchFailed('ECONNREFUSED'), false).failure, 'truncated');
    assert.equal(connectionFailure(ADDRESS, PATH, fetchFailed('ENOTFOUND'), false).failure, 'truncated');
  });

  it('without a code, names the error message, or the value itself', () => {
    assert.match(connectionFailure(ADDRESS, PATH, new Error('terminated'), false).message, /during \/v1\/completions \(terminated\)/);
    assert.match(connectionFailure(ADDRESS, PATH, 'socket hang up', true).message, /\(socket hang up\)/);
    assert.match(connectionFailure(ADDRESS, PATH, Object.assign(new Error('x'), { code: 42 }), true).message, /\(x\)/);
    oneLine(connectionFailure(ADDRESS, PATH, new Error('terminated'), false).message);
  });
});
