// Benchmark datasets through the model download code (node-llama-cpp's downloader) against an
// HTTP server on 127.0.0.1 serving files the test makes: a fresh download with progress, no
// request for a file already there, resume after an interrupted attempt, a checksum mismatch
// removed with a clear message, "no network" and HTTP 404 messages, and gzip originals.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type DatasetRecord, findDataset } from '../../src/engine/datasets/datasetCatalog';
import { fetchDataset, withMirror } from '../../src/engine/datasets/fetchDataset';
import { resolveDataset } from '../../src/engine/datasets/resolveDataset';
import { readBenchProblems } from '../../src/engine/bench/readBenchProblems';
import { AbortError, CascadeError } from '../../src/engine/errors';
import { downloadError } from '../helpers/downloadError';
import type { DownloadProgress } from '../../src/engine/models/downloadFile';
import { refusedPort, startModelServer, type ModelServer } from '../fixtures/modelServer';
import { untilFirstChunkSaved } from '../helpers/partialDownload';
import { requireDatasets, sharedDataset } from '../helpers/sharedDatasets';

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** `count` MultiPL-E-style JS problems as JSON Lines. */
function problems(count: number, pad = 0): Buffer {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      name: `HumanEval_${i}_add_${i}`,
      language: 'js',
      prompt: `//Adds ${i}.${' '.repeat(pad)}\nfunction add_${i}(x){\n`,
      tests: `const assert = require('node:assert');\nassert.deepEqual(add_${i}(1), ${i + 1});\n`,
    }),
  );
  return Buffer.from(`${lines.join('\n')}\n`);
}

const SMALL = problems(3);
// ipull saves progress per 5 MiB chunk: a resumable file needs several.
const BIG = problems(24, Math.ceil((12 * MiB) / 24));
const REMOTE_PATH = '/org/bench/main/data';

/** A catalog record for `bytes` published at `<origin>/org/bench/main/data/<remoteName>`. */
function recordFor(bytes: Buffer, extra: Partial<DatasetRecord> = {}): DatasetRecord {
  const format = extra.format ?? 'jsonl';
  return {
    id: 'test-bench',
    name: 'Test bench',
    problems: 3,
    language: 'javascript',
    url: `https://raw.githubusercontent.com${REMOTE_PATH}/bench.${format}`,
    format,
    fileName: 'test-bench.jsonl',
    sizeBytes: bytes.length,
    sha256: sha256(bytes),
    license: 'MIT',
    ...extra,
  };
}

describe('fetchDataset (the model downloader, loopback HTTP server)', function () {
  this.timeout(30000);
  let server: ModelServer;
  let dir: string;

  beforeEach(async () => {
    server = await startModelServer();
    dir = await mkdtemp(path.join(os.tmpdir(), 'cascade-datasets-'));
  });

  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('downloads a dataset once, with progress and its SHA-256 checked; the next call makes no request', async () => {
    server.files.set(`${REMOTE_PATH}/bench.jsonl`, SMALL);
    const events: DownloadProgress[] = [];
    const fetched: string[] = [];
    const options = { dirPath: path.join(dir, 'datasets'), mirror: server.origin, onProgress: (p: DownloadProgress) => events.push(p), onFetch: (url: string) => fetched.push(url) };
    const file = await fetchDataset(recordFor(SMALL), options);
    assert.equal(file, path.join(dir, 'datasets', 'test-bench.jsonl'));
    assert.ok((await readFile(file)).equals(SMALL));
    assert.deepEqual(await readdir(path.join(dir, 'datasets')), ['test-bench.jsonl'], 'no partial file is left');
    assert.deepEqual(fetched, [`${server.origin}${REMOTE_PATH}/bench.jsonl`]);
    assert.equal(events.at(-1)?.downloadedBytes, SMALL.length);
    assert.ok(events.every((p) => p.totalBytes === SMALL.length));
    assert.deepEqual(readBenchProblems(file).map((p) => p.entryPoint), ['add_0', 'add_1', 'add_2']);

    const seen = server.requests.length;
    assert.equal(await fetchDataset(recordFor(SMALL), options), file);
    assert.equal(server.requests.length, seen, 'a file already there is not downloaded again');
    assert.deepEqual(fetched.length, 1);
  });

  it('uses a file already in the folder without any request when its SHA-256 matches, and replaces one that differs', async () => {
    await writeFile(path.join(dir, 'test-bench.jsonl'), SMALL);
    assert.equal(await fetchDataset(recordFor(SMALL), { dirPath: dir, mirror: `http://127.0.0.1:${await refusedPort()}` }), path.join(dir, 'test-bench.jsonl'));
    assert.deepEqual(server.requests, []);

    const edited = Buffer.from(SMALL.toString().replace('Adds 0', 'Adds 9'));
    assert.equal(edited.length, SMALL.length);
    await writeFile(path.join(dir, 'test-bench.jsonl'), edited);
    server.files.set(`${REMOTE_PATH}/bench.jsonl`, SMALL);
    const file = await fetchDataset(recordFor(SMALL), { dirPath: dir, mirror: server.origin });
    assert.ok((await readFile(file)).equals(SMALL));
    assert.ok(server.requests.length > 0);
  });

  it('resumes an interrupted download with range requests from the bytes already on disk', async () => {
    server.files.set(`${REMOTE_PATH}/bench.jsonl`, BIG);
    server.cutAt = 7 * MiB; // chunk 0 (0–5 MiB) arrives, every response past 7 MiB is cut
    let cuts = 0;
    server.onCut = () => cuts++;
    const record = recordFor(BIG);
    const controller = new AbortController();
    const attempt = fetchDataset(record, { dirPath: dir, mirror: server.origin, signal: controller.signal });
    // ipull retries cut responses by itself, so this attempt never ends on its own: cancel it,
    // as a user would, once a response was cut and chunk 0 is saved in the partial file.
    const partial = path.join(dir, 'test-bench.jsonl.ipull');
    while (cuts === 0) await new Promise((resolve) => (server.onCut = () => resolve(cuts++)));
    await untilFirstChunkSaved(partial, BIG.length);
    controller.abort();
    await assert.rejects(attempt, AbortError);
    assert.deepEqual(await readdir(dir), ['test-bench.jsonl.ipull'], 'the partial file is kept');

    server.cutAt = undefined;
    const firstAttempt = server.requests.length;
    const file = await fetchDataset(record, { dirPath: dir, mirror: server.origin });
    assert.ok((await readFile(file)).equals(BIG));
    assert.deepEqual(await readdir(dir), ['test-bench.jsonl']);
    const ranged = server.requests.slice(firstAttempt).filter((r) => r.rangeStart !== undefined && r.rangeEnd !== 0);
    assert.ok(ranged.length > 0);
    assert.ok(ranged.every((r) => r.rangeStart !== 0), `nothing is downloaded twice: ${JSON.stringify(ranged)}`);
    assert.ok(ranged.some((r) => r.rangeStart === 5 * MiB), `a range starts where the kept bytes end: ${JSON.stringify(ranged)}`);
    // The cancelled attempt's retry loops (ipull does not stop them) end at their next request
    // to a server that no longer cuts; keep the server up until they have made it.
    for (let seen = -1; seen !== server.requests.length; ) {
      seen = server.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 2500));
    }
  });

  it('removes a download whose SHA-256 is not the catalog\'s, saying so', async () => {
    const other = Buffer.from(SMALL.toString().replace('Adds 1', 'Adds 7'));
    server.files.set(`${REMOTE_PATH}/bench.jsonl`, other);
    await assert.rejects(
      fetchDataset(recordFor(SMALL), { dirPath: dir, mirror: server.origin }),
      downloadError('corrupt', `${server.origin}${REMOTE_PATH}/bench.jsonl`, `has SHA-256 ${sha256(other)}, expected ${sha256(SMALL)}`, 'it was removed'),
    );
    assert.deepEqual(await readdir(dir), []);
  });

  it('refuses a server file of another size before downloading it', async () => {
    server.files.set(`${REMOTE_PATH}/bench.jsonl`, SMALL.subarray(0, 100));
    await assert.rejects(fetchDataset(recordFor(SMALL), { dirPath: dir, mirror: server.origin }), downloadError('corrupt', `has 100 bytes, expected ${SMALL.length}`));
    assert.equal(server.requests.length, 1);
    assert.deepEqual(await readdir(dir), []);
  });

  it('says "no network" and where to put the file by hand when the host cannot be reached', async () => {
    const mirror = `http://127.0.0.1:${await refusedPort()}`;
    const started = performance.now();
    await assert.rejects(
      fetchDataset(recordFor(SMALL), { dirPath: dir, mirror }),
      downloadError('no-network', 'ECONNREFUSED', `no network: put test-bench.jsonl (from ${mirror}${REMOTE_PATH}/bench.jsonl) in ${dir}, or use the path of a local copy`),
    );
    assert.ok(performance.now() - started < 5000, 'fails at once instead of retrying');
    await assert.rejects(
      fetchDataset(recordFor(SMALL, { format: 'jsonl.gz' }), { dirPath: dir, mirror }),
      downloadError('no-network', `put test-bench.jsonl (from ${mirror}${REMOTE_PATH}/bench.jsonl.gz, gunzipped) in ${dir}`),
    );
  });

  it('names the URL and what to do when the server does not have the file (HTTP 404)', async () => {
    await assert.rejects(
      fetchDataset(recordFor(SMALL), { dirPath: dir, mirror: server.origin }),
      downloadError('not-found', 'Dataset not found (HTTP 404', `${server.origin}${REMOTE_PATH}/bench.jsonl — download ${server.origin}${REMOTE_PATH}/bench.jsonl by hand and use its path instead`),
    );
  });

  describe('gzip originals', () => {
    it('gunzips the download, checks the result and keeps only the JSON Lines file', async () => {
      server.files.set(`${REMOTE_PATH}/bench.jsonl.gz`, gzipSync(SMALL));
      const record = recordFor(SMALL, { format: 'jsonl.gz' });
      const file = await fetchDataset(record, { dirPath: dir, mirror: server.origin });
      assert.equal(file, path.join(dir, 'test-bench.jsonl'));
      assert.ok((await readFile(file)).equals(SMALL));
      assert.deepEqual(await readdir(dir), ['test-bench.jsonl']);
      const seen = server.requests.length;
      await fetchDataset(record, { dirPath: dir, mirror: server.origin });
      assert.equal(server.requests.length, seen);
    });

    it('removes a gzip download whose content is not the catalog\'s, and one that is not gzip at all', async () => {
      const other = Buffer.from(SMALL.toString().replace('Adds 2', 'Adds 5'));
      server.files.set(`${REMOTE_PATH}/bench.jsonl.gz`, gzipSync(other));
      const record = recordFor(SMALL, { format: 'jsonl.gz' });
      await assert.rejects(
        fetchDataset(record, { dirPath: dir, mirror: server.origin }),
        downloadError('corrupt', `${REMOTE_PATH}/bench.jsonl.gz, gunzipped, has SHA-256 ${sha256(other)}, expected ${sha256(SMALL)} — it was removed`),
      );
      assert.deepEqual(await readdir(dir), []);

      server.files.set(`${REMOTE_PATH}/bench.jsonl.gz`, SMALL);
      await assert.rejects(fetchDataset(record, { dirPath: dir, mirror: server.origin }), downloadError('corrupt', 'is not gzip data', 'removed'));
      assert.deepEqual(await readdir(dir), []);

      const truncated = gzipSync(SMALL).subarray(0, 30);
      server.files.set(`${REMOTE_PATH}/bench.jsonl.gz`, truncated);
      await assert.rejects(fetchDataset(record, { dirPath: dir, mirror: server.origin }), downloadError('corrupt', 'is not valid gzip data', 'removed'));
      assert.deepEqual(await readdir(dir), []);
    });

    it('fetches the catalog\'s HumanEval-X record from a gzipped copy of the shared file', async function () {
      const record = findDataset('humaneval-x-js')!;
      requireDatasets(this, [record.fileName]);
      const original = await readFile(sharedDataset(record.fileName));
      server.files.set(new URL(record.url).pathname, gzipSync(original));
      const file = await fetchDataset(record, { dirPath: dir, mirror: server.origin });
      assert.ok((await readFile(file)).equals(original));
      assert.equal(readBenchProblems(file).length, record.problems);
    });
  });

  describe('resolveDataset (what --dataset names)', () => {
    it('takes an existing path as it is, a catalog id as its file, and lists the ids for an unknown name', async () => {
      const local = path.join(dir, 'mine.jsonl');
      await writeFile(local, SMALL);
      assert.equal(await resolveDataset(local, { dirPath: path.join(dir, 'datasets') }), local);
      server.files.set(`${REMOTE_PATH}/bench.jsonl`, SMALL);
      const catalog = [recordFor(SMALL)];
      assert.equal(await resolveDataset('test-bench', { dirPath: dir, mirror: server.origin, catalog }), path.join(dir, 'test-bench.jsonl'));
      await assert.rejects(resolveDataset('humaneval-rust', { dirPath: dir, catalog }), (error: unknown) => {
        assert.ok(error instanceof CascadeError);
        assert.match(error.message, /^unknown dataset "humaneval-rust": give the path of a JSON Lines file or one of test-bench$/);
        return true;
      });
      assert.equal(await resolveDataset('missing/file.jsonl', { dirPath: dir, catalog }), 'missing/file.jsonl', 'the reader reports a missing path');
      assert.equal(existsSync(path.join(dir, 'datasets')), false);
    });

    it('replaces the URL\'s origin with a mirror, keeping the path', () => {
      const url = 'https://raw.githubusercontent.com/nuprl/MultiPL-E/cf9db336/prompts/humaneval-js-reworded.jsonl';
      assert.equal(withMirror(url, undefined), url);
      assert.equal(withMirror(url, ' '), url);
      assert.equal(withMirror(url, 'http://127.0.0.1:8080/'), 'http://127.0.0.1:8080/nuprl/MultiPL-E/cf9db336/prompts/humaneval-js-reworded.jsonl');
      assert.equal(withMirror(url, 'https://mirror.example/gh'), 'https://mirror.example/gh/nuprl/MultiPL-E/cf9db336/prompts/humaneval-js-reworded.jsonl');
    });
  });
});
