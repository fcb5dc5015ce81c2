// Model references that name a remote file: Hugging Face URIs and http(s) URLs. Pure.

/** Hugging Face's own host, where `hf:` URIs point unless a caller names a mirror. */
export const HUGGING_FACE_ENDPOINT = 'https://huggingface.co';

/**
 * A model setting that is not a local path.
 * - `hf`: `hf:<user>/<repo>/<path/to/file.gguf>[#<revision>]` (node-llama-cpp's syntax; `file`
 *   is undefined for the `hf:<user>/<repo>[:<quant>]` form, which needs the Hub's API to resolve);
 * - `url`: an `http://` or `https://` URL;
 * - `unsupported`: any other `scheme://` value.
 */
export type RemoteModel =
  | { kind: 'hf'; uri: string; user: string; repo: string; file?: string; revision: string }
  | { kind: 'url'; uri: string; url: URL }
  | { kind: 'unsupported'; uri: string };

// A URL scheme needs two or more letters, so Windows drive letters ("C:\") stay paths.
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;
const HF_PREFIX = /^(?:hf|huggingface):(?:\/\/)?/i;
const DEFAULT_REVISION = 'main';

/** Parses a model setting; undefined when it is a local path. */
export function parseRemoteModel(value: string): RemoteModel | undefined {
  const uri = value.trim();
  const hf = HF_PREFIX.exec(uri);
  if (hf) return parseHuggingFace(uri, uri.slice(hf[0].length));
  if (!URL_SCHEME.test(uri)) return undefined;
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' || url.protocol === 'https:' ? { kind: 'url', uri, url } : { kind: 'unsupported', uri };
  } catch {
    return { kind: 'unsupported', uri };
  }
}

function parseHuggingFace(uri: string, rest: string): RemoteModel {
  const hash = rest.indexOf('#');
  const revision = hash >= 0 ? rest.slice(hash + 1) || DEFAULT_REVISION : DEFAULT_REVISION;
  const [user = '', repo = '', ...path] = (hash >= 0 ? rest.slice(0, hash) : rest).split('/');
  if (user === '' || repo === '') return { kind: 'unsupported', uri };
  const file = path.join('/');
  return { kind: 'hf', uri, user, repo, file: file === '' || repo.includes(':') ? undefined : file, revision };
}

/**
 * The local file name a remote model is saved under: the last segment of the Hub path or of
 * the URL's path. Undefined when the reference names no file (`hf:<user>/<repo>:<quant>`).
 */
export function remoteFileName(remote: RemoteModel): string | undefined {
  let last: string | undefined;
  if (remote.kind === 'hf') last = remote.file?.split('/').pop();
  else if (remote.kind === 'url') last = safeDecode(remote.url.pathname.split('/').pop() ?? '');
  return last === undefined || last === '' || last === '.' || last === '..' || /[/\\]/.test(last) ? undefined : last;
}

/**
 * The download URL of a remote model: `<endpoint>/<user>/<repo>/resolve/<revision>/<file>` for
 * `hf:` URIs (what node-llama-cpp resolves them to), the URL itself otherwise. Undefined when
 * the reference names no file or is not http(s).
 * @param endpoint Hugging Face host or mirror; default {@link HUGGING_FACE_ENDPOINT}
 */
export function remoteUrl(remote: RemoteModel, endpoint: string = HUGGING_FACE_ENDPOINT): string | undefined {
  if (remote.kind === 'url') return remote.url.href;
  if (remote.kind !== 'hf' || remote.file === undefined) return undefined;
  const segments = [remote.user, remote.repo, 'resolve', remote.revision, ...remote.file.split('/')];
  return `${endpoint.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
