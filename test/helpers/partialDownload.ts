import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

// node-llama-cpp's downloader (ipull) keeps an interrupted download in `<file>.ipull`: the file's
// bytes at their offsets, then its progress as JSON after the last byte (`chunks`: 0 not
// started, 1 in progress, 2 complete). A later download resumes from the complete chunks.
const COMPLETE = 2;

/** The chunk states saved in a partial download of a `fileSize`-byte file; undefined while none can be read. */
export function savedChunks(partial: string, fileSize: number): number[] | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(partial, 'r');
    const size = fstatSync(fd).size;
    if (size <= fileSize) return undefined;
    const tail = Buffer.alloc(size - fileSize);
    readSync(fd, tail, 0, tail.length, fileSize);
    const chunks = (JSON.parse(tail.toString('utf8')) as { chunks?: unknown }).chunks;
    return Array.isArray(chunks) ? (chunks as number[]) : undefined;
  } catch {
    return undefined; // not there yet, or the progress is being rewritten
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Resolves once the partial download records its first chunk as complete on disk — the point
 * from which a cancelled download resumes. Checks every 20 ms; fails after `limitMs`.
 */
export async function untilFirstChunkSaved(partial: string, fileSize: number, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (savedChunks(partial, fileSize)?.[0] !== COMPLETE) {
    if (Date.now() > deadline) throw new Error(`${partial}: no chunk saved as complete within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
