import assert from 'node:assert/strict';
import { parseRemoteModel, remoteFileName, remoteUrl } from '../../src/engine/models/modelUri';

const parse = (value: string) => {
  const remote = parseRemoteModel(value);
  assert.ok(remote, value);
  return remote;
};

describe('model URIs', () => {
  it('leaves local paths alone, Windows drive letters included', () => {
    for (const local of ['model.gguf', '~/m/q.gguf', '/abs/q.gguf', 'C:\\models\\q.gguf', 'hfmodel.gguf']) assert.equal(parseRemoteModel(local), undefined);
  });

  it('maps hf: file URIs to the Hub\'s resolve URL, with the revision after #', () => {
    const pinned = parse('hf:ggml-org/Qwen2.5-Coder-1.5B-Q8_0-GGUF/qwen2.5-coder-1.5b-q8_0.gguf#8be1b8a8');
    assert.equal(remoteUrl(pinned), 'https://huggingface.co/ggml-org/Qwen2.5-Coder-1.5B-Q8_0-GGUF/resolve/8be1b8a8/qwen2.5-coder-1.5b-q8_0.gguf');
    assert.equal(remoteFileName(pinned), 'qwen2.5-coder-1.5b-q8_0.gguf');
    const nested = parse('hf://user/repo/sub dir/m.gguf');
    assert.equal(remoteUrl(nested, 'http://127.0.0.1:9/'), 'http://127.0.0.1:9/user/repo/resolve/main/sub%20dir/m.gguf');
    assert.equal(remoteFileName(nested), 'm.gguf');
  });

  it('has no file for hf:<user>/<repo>[:<quant>] and other schemes', () => {
    for (const uri of ['hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0', 'hf:Qwen/Repo', 'ftp://host/m.gguf', 'hf:/nouser']) {
      const remote = parse(uri);
      assert.equal(remoteFileName(remote), undefined, uri);
      assert.equal(remoteUrl(remote), undefined, uri);
    }
  });

  it('names a URL\'s file by its decoded last path segment, never a path', () => {
    assert.equal(remoteFileName(parse('https://example.com/a/My%20Model.gguf?download=true')), 'My Model.gguf');
    assert.equal(remoteUrl(parse('http://127.0.0.1:8/m.gguf')), 'http://127.0.0.1:8/m.gguf');
    assert.equal(remoteFileName(parse('https://example.com/a/..%2Fevil.gguf')), undefined);
    assert.equal(remoteFileName(parse('https://example.com/')), undefined);
  });
});
