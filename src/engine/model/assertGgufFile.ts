import { open, stat } from 'node:fs/promises';
import { ModelLoadError } from '../errors';

const GGUF_MAGIC = 'GGUF';

/**
 * Cheap checks before node-llama-cpp sees a model file, so that the common mistakes get a
 * message that names the file and says what to do (llama.cpp's own errors do neither).
 * Throws ModelLoadError when the path is missing, not a regular file, unreadable, or does not
 * start with the GGUF magic bytes. A truncated GGUF passes: only the real load can tell.
 */
export async function assertGgufFile(file: string): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new ModelLoadError(
        `Model file not found: ${file} — check the tier's "model" setting or download the model`,
      );
    }
    throw new ModelLoadError(`Cannot read model file ${file}: ${error.message}`);
  });
  if (info.isDirectory()) {
    throw new ModelLoadError(
      `Model path is a directory, not a GGUF file: ${file} — set the tier's "model" to the .gguf file itself`,
    );
  }
  if (!info.isFile()) throw new ModelLoadError(`Model path is not a regular file: ${file}`);
  if ((await readMagic(file)) !== GGUF_MAGIC) {
    throw new ModelLoadError(
      `Not a GGUF model file: ${file} (it does not start with "GGUF") — download the model in GGUF format`,
    );
  }
}

async function readMagic(file: string): Promise<string> {
  const handle = await open(file, 'r').catch((error: Error) => {
    throw new ModelLoadError(`Cannot read model file ${file}: ${error.message}`);
  });
  try {
    const buffer = Buffer.alloc(GGUF_MAGIC.length);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('latin1', 0, bytesRead);
  } finally {
    await handle.close();
  }
}
