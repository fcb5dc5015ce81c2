// Model downloads through the real node-llama-cpp downloader against an HTTP server on
// 127.0.0.1 serving generated GGUFs: full download with progress, resume after an interrupted
// attempt, no request for a file already there, corrupt files rejected and removed, 404 and
// "no network" messages, cancellation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AbortError } from '../../src/engine/errors';
import { downloadError } from '../helpers/downloadError';
import { downloadModel, type DownloadProgress } from '../../src/engine/models/downloadModel';
import { tinyGgufBytes } from '../fixtures/makeTinyGguf.mjs';
import { refusedPort, startModelServer, type ModelServer } from '../fixtures/modelServer';
import { untilFirstChunkSaved } from '../helpers/partialDownload';

const MiB = 1024 * 1024;
const TINY = tinyGgufBytes({ seed: 1 });
const OTHER = tinyGgufBytes({ seed: 2 });
// node-llama-cpp's downloader (ipull) saves progress per 5 MiB chunk: a resumable file needs
// several. A GGUF followed by padding still passes the checks (its tensors fit in the file).
const BIG = Buffer.concat([TINY, Buffer.alloc(12 * MiB - TINY.length, 0x5a)]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('downloadModel (node-llama-cpp downloader, loopback HTTP server)', function () {
  this.timeout(30000);
  let server: ModelServer;
  let dir: string;

  beforeEach(async () => {
    server = await startModelServer();
    dir = await mkdtemp(path.join(os.tmpdir(), 'cascade-download-'));
  });

  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('downloads an hf: URI to dirPath with growing progress and a known total', async () => {
    server.files.set('/Qwen/Tiny-GGUF/resolve/main/tiny-q8_0.gguf', TINY);
    const events: DownloadProgress[] = [];
    const file = await downloadModel({
      uri: 'hf:Qwen/Tiny-GGUF/tiny-q8_0.gguf',
      dirPath: dir,
      huggingFaceEndpoint: server.origin,
      onProgress: (p) => events.push(p),
    });
    assert.equal(file, path.join(dir, 'tiny-q8_0.gguf'));
    assert.ok((await readFile(file)).equals(TINY));
    assert.deepEqual(await readdir(dir), ['tiny-q8_0.gguf'], 'no partial file is left');
    assert.ok(events.length > 0);
    for (let i = 1; i < events.length; i++) assert.ok(events[i].downloadedBytes >= events[i - 1].downloadedBytes);
    assert.ok(events.every((p) => p.totalBytes === TINY.length));
    assert.equal(events.at(-1)?.downloadedBytes, TINY.length);
    assert.ok(server.requests.every((r) => r.path === '/Qwen/Tiny-GGUF/resolve/main/tiny-q8_0.gguf'));
  });

  it('accepts a URL download whose size and SHA-256 match', async () => {
    server.files.set('/m/tiny.gguf', TINY);
    const file = await downloadModel({
      uri: `${server.origin}/m/tiny.gguf`,
      dirPath: path.join(dir, 'nested'),
      fileName: 'renamed.gguf',
      expectedSize: TINY.length,
      sha256: sha256(TINY).toUpperCase(),
    });
    assert.equal(file, path.join(dir, 'nested', 'renamed.gguf'));
    assert.ok((await readFile(file)).equals(TINY));
  });

  it('resumes an interrupted download with range requests from the bytes already on disk', async () => {
    server.files.set('/m/big.gguf', BIG);
    server.cutAt = 7 * MiB; // chunk 0 (0–5 MiB) arrives, every response past 7 MiB is cut
    let cuts = 0;
    server.onCut = () => cuts++;
    const uri = `${server.origin}/m/big.gguf`;
    const controller = new AbortController();
    const attempt = downloadModel({ uri, dirPath: dir, signal: controller.signal });
    // ipull retries cut responses by itself, so this attempt never ends on its own: cancel it,
    // as a user would, once a cut happened and chunk 0 is saved as complete in the partial file.
    const partial = path.join(dir, 'big.gguf.ipull');
    while (cuts === 0) await sleep(20);
    await untilFirstChunkSaved(partial, BIG.length);
    controller.abort();
    await assert.rejects(attempt, AbortError);
    assert.deepEqual(await readdir(dir), ['big.gguf.ipull'], 'the partial file is kept');

    server.cutAt = undefined;
    const firstAttempt = server.requests.length;
    const events: DownloadProgress[] = [];
    const file = await downloadModel({ uri, dirPath: dir, onProgress: (p) => events.push(p) });
    assert.ok((await readFile(file)).equals(BIG));
    assert.deepEqual(await readdir(dir), ['big.gguf']);
    const ranged = server.requests.slice(firstAttempt).filter((r) => r.rangeStart !== undefined && r.rangeEnd !== 0);
    assert.ok(ranged.length > 0);
    assert.ok(ranged.every((r) => r.rangeStart !== 0), `nothing is downloaded twice: ${JSON.stringify(ranged)}`);
    assert.ok(ranged.some((r) => r.rangeStart === 5 * MiB), `a range starts where the kept bytes end: ${JSON.stringify(ranged)}`);
    assert.ok((events[0]?.downloadedBytes ?? 0) >= 5 * MiB, 'progress starts from the kept bytes');
    // The cancelled attempt's retry loops (ipull does not stop them) end at their next request
    // to a server that no longer cuts; keep the server up until they have made it.
    for (let seen = -1; seen !== server.requests.length; ) {
      seen = server.requests.length;
      await sleep(2500);
    }
  });

  it('returns a complete file already in dirPath without any request', async () => {
    await writeFile(path.join(dir, 'tiny.gguf'), TINY);
    server.files.set('/m/tiny.gguf', OTHER);
    const uri = `${server.origin}/m/tiny.gguf`;
    assert.equal(await downloadModel({ uri, dirPath: dir, expectedSize: TINY.length }), path.join(dir, 'tiny.gguf'));
    assert.equal(await downloadModel({ uri, dirPath: dir }), path.join(dir, 'tiny.gguf'));
    assert.deepEqual(server.requests, []);
    assert.ok((await readFile(path.join(dir, 'tiny.gguf'))).equals(TINY));
  });

  it('replaces a file in dirPath that fails the checks', async () => {
    await writeFile(path.join(dir, 'tiny.gguf'), TINY.subarray(0, 1000));
    server.files.set('/m/tiny.gguf', TINY);
    const file = await downloadModel({ uri: `${server.origin}/m/tiny.gguf`, dirPath: dir });
    assert.ok((await readFile(file)).equals(TINY));
  });

  it('rejects and removes a download that is not a GGUF', async () => {
    server.files.set('/m/tiny.gguf', Buffer.alloc(TINY.length, 0x41));
    await assert.rejects(
      downloadModel({ uri: `${server.origin}/m/tiny.gguf`, dirPath: dir, expectedSize: TINY.length }),
      downloadError('corrupt', `${server.origin}/m/tiny.gguf`, 'does not start with "GGUF"', 'removed'),
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('rejects and removes a truncated GGUF and one with the wrong SHA-256', async () => {
    server.files.set('/m/short.gguf', TINY.subarray(0, TINY.length - 4096));
    await assert.rejects(downloadModel({ uri: `${server.origin}/m/short.gguf`, dirPath: dir }), downloadError('corrupt', 'truncated'));
    server.files.set('/m/other.gguf', OTHER);
    await assert.rejects(
      downloadModel({ uri: `${server.origin}/m/other.gguf`, dirPath: dir, sha256: sha256(TINY) }),
      downloadError('corrupt', `expected ${sha256(TINY)}`),
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('refuses a server file of another size than expected before downloading it', async () => {
    server.files.set('/m/tiny.gguf', OTHER.subarray(0, 5000));
    await assert.rejects(
      downloadModel({ uri: `${server.origin}/m/tiny.gguf`, dirPath: dir, expectedSize: TINY.length }),
      downloadError('corrupt', `expected ${TINY.length}`),
    );
    assert.equal(server.requests.length, 1);
    assert.deepEqual(await readdir(dir), []);
  });

  it('names the URL of a file the server does not have (HTTP 404)', async () => {
    const started = performance.now();
    await assert.rejects(
      downloadModel({ uri: 'hf:nobody/missing/model.gguf', dirPath: dir, huggingFaceEndpoint: server.origin }),
      downloadError('not-found', 'HTTP 404', `${server.origin}/nobody/missing/resolve/main/model.gguf`),
    );
    assert.ok(performance.now() - started < 5000);
    assert.deepEqual(await readdir(dir), []);
  });

  it('says "no network" and where to put the files when the host cannot be reached', async () => {
    const port = await refusedPort();
    const started = performance.now();
    await assert.rejects(
      downloadModel({ uri: `http://127.0.0.1:${port}/m/tiny.gguf`, dirPath: dir }),
      downloadError('no-network', 'ECONNREFUSED', `no network: put GGUF files in ${dir} or choose local files`),
    );
    assert.ok(performance.now() - started < 5000, 'fails at once instead of retrying');
  });

  it('rejects with AbortError when cancelled before it starts, and URIs that name no file', async () => {
    server.files.set('/m/tiny.gguf', TINY);
    await assert.rejects(downloadModel({ uri: `${server.origin}/m/tiny.gguf`, dirPath: dir, signal: AbortSignal.abort() }), AbortError);
    assert.deepEqual(server.requests, []);
    await assert.rejects(downloadModel({ uri: 'hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0', dirPath: dir }), downloadError('unsupported-uri', 'hf:<user>/<repo>/<file>.gguf'));
    await assert.rejects(downloadModel({ uri: 'ftp://example.invalid/m.gguf', dirPath: dir }), downloadError('unsupported-uri'));
    for (const fileName of ['../x.gguf', '..']) {
      await assert.rejects(downloadModel({ uri: `${server.origin}/m/tiny.gguf`, dirPath: dir, fileName }), downloadError('unsupported-uri'));
    }
    assert.equal(existsSync(path.join(dir, 'tiny.gguf')), false);
  });
});
