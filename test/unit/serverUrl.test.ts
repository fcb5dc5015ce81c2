import assert from 'node:assert/strict';
import { baseUrlOf, isLocalNetworkHost, parseServerUrl, plainHttpWarning, serverWarnings } from '../../src/engine/server/serverUrl';

const urlOf = (raw: string): URL => {
  const parsed = parseServerUrl(raw);
  assert.ok('url' in parsed, `expected ${raw} to parse, got ${JSON.stringify(parsed)}`);
  return parsed.url;
};
const problemOf = (raw: string): string => {
  const parsed = parseServerUrl(raw);
  assert.ok('problem' in parsed, `expected ${raw} to be rejected, got ${'url' in parsed ? parsed.url.href : ''}`);
  return parsed.problem;
};

describe('parseServerUrl', () => {
  it('accepts http and https base URLs, with or without a port or path', () => {
    assert.equal(urlOf('http://127.0.0.1:8080').href, 'http://127.0.0.1:8080/');
    assert.equal(urlOf('https://api.example.com/v1').href, 'https://api.example.com/v1');
    assert.equal(urlOf('HTTP://LocalHost:11434/').hostname, 'localhost');
    assert.equal(urlOf('http://[::1]:8000').hostname, '[::1]');
  });

  it('rejects other protocols, naming the one given', () => {
    assert.match(problemOf('ftp://example.com'), /must be an http:\/\/ or https:\/\/ URL \(ftp: is not supported\)/);
    assert.match(problemOf('file:///tmp/model'), /\(file: is not supported\)/);
    assert.match(problemOf('ws://127.0.0.1:8080'), /\(ws: is not supported\)/);
    // A missing scheme parses as a scheme of its own: still refused, not taken as a host.
    assert.match(problemOf('localhost:8080'), /\(localhost: is not supported\)/);
  });

  it('rejects a user name or password in the URL, pointing at the API key settings', () => {
    for (const raw of ['http://user:secret@127.0.0.1:8080', 'https://user@api.example.com', 'https://:secret@api.example.com']) {
      assert.match(problemOf(raw), /must not hold a user name or password/, raw);
    }
    assert.match(problemOf('http://u:p@h'), /apiKeyEnv/);
  });

  it('rejects a query or fragment', () => {
    assert.match(problemOf('http://127.0.0.1:8080/?key=1'), /without \?query or #fragment/);
    assert.match(problemOf('http://127.0.0.1:8080/#v1'), /without \?query or #fragment/);
  });

  // Regression (serverUrl.ts, found by these tests): a bare "?" or "#" leaves url.search / url.hash empty
  // but stays in url.href, so baseUrlOf gives "http://h:1/?" and requests go to "http://h:1/?/v1/…".
  it('rejects a bare trailing ? or #', () => {
    assert.match(problemOf('http://127.0.0.1:8080/?'), /without \?query or #fragment/);
    assert.match(problemOf('http://127.0.0.1:8080/#'), /without \?query or #fragment/);
  });

  it('rejects what is not a URL at all', () => {
    for (const raw of ['', 'not a url', '://127.0.0.1', 'http://']) {
      assert.equal(problemOf(raw), 'must be a URL like "http://127.0.0.1:8080"', JSON.stringify(raw));
    }
  });
});

describe('baseUrlOf', () => {
  it('drops trailing slashes and keeps the path', () => {
    assert.equal(baseUrlOf(urlOf('http://127.0.0.1:8080')), 'http://127.0.0.1:8080');
    assert.equal(baseUrlOf(urlOf('https://api.example.com/v1//')), 'https://api.example.com/v1');
  });
});

describe('isLocalNetworkHost', () => {
  it('is true for loopback, private and link-local IPv4', () => {
    for (const host of ['127.0.0.1', '127.255.3.4', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.20.5.5', '172.31.255.255', '192.168.1.20', '169.254.10.1']) {
      assert.equal(isLocalNetworkHost(host), true, host);
    }
  });

  it('is false for public IPv4, including the neighbours of the private ranges', () => {
    for (const host of ['8.8.8.8', '172.15.255.255', '172.32.0.1', '192.167.1.1', '192.169.0.1', '169.253.1.1', '11.0.0.1', '128.0.0.1', '0.0.0.0']) {
      assert.equal(isLocalNetworkHost(host), false, host);
    }
  });

  it('is true for localhost and mDNS .local names, in any case', () => {
    for (const host of ['localhost', 'LOCALHOST', 'api.localhost', 'gpu-box.local', 'GPU-Box.Local']) {
      assert.equal(isLocalNetworkHost(host), true, host);
    }
  });

  it('is false for public names, and for names that only contain "local"', () => {
    for (const host of ['example.com', 'api.openai.com', 'localhost.example.com', 'mylocal', 'local.example.org', 'localhostx']) {
      assert.equal(isLocalNetworkHost(host), false, host);
    }
  });

  it('handles IPv6 loopback, unique-local, link-local and IPv4-mapped addresses, bracketed or not', () => {
    for (const host of ['::1', '[::1]', 'fc00::1', 'fd12:3456::1', '[fd00::2]', 'fe80::1', 'FE80::abcd', 'febf::1', '::ffff:10.0.0.1', '[::ffff:192.168.0.9]']) {
      assert.equal(isLocalNetworkHost(host), true, host);
    }
    for (const host of ['2001:db8::1', '[2606:4700::1111]', 'fec0::1', '::ffff:8.8.8.8', '::2']) {
      assert.equal(isLocalNetworkHost(host), false, host);
    }
  });

  // Regression (serverUrl.ts, found by these tests): WHATWG URL serialises [::ffff:10.0.0.1] as
  // [::ffff:a00:1], which the dotted-quad regex does not match, so a mapped private address
  // reached through a URL gets the plain-http warning.
  it('treats an IPv4-mapped private address written in a URL as local', () => {
    assert.equal(isLocalNetworkHost(urlOf('http://[::ffff:10.0.0.1]:8080').hostname), true);
    assert.equal(plainHttpWarning(urlOf('http://[::ffff:10.0.0.1]:8080')), undefined);
  });
});

describe('plainHttpWarning', () => {
  it('says nothing for https or for plain http on the local network', () => {
    assert.equal(plainHttpWarning(urlOf('https://api.example.com')), undefined);
    assert.equal(plainHttpWarning(urlOf('https://203.0.113.5:8443')), undefined);
    assert.equal(plainHttpWarning(urlOf('http://127.0.0.1:8080')), undefined);
    assert.equal(plainHttpWarning(urlOf('http://[::1]:8080')), undefined);
    assert.equal(plainHttpWarning(urlOf('http://gpu-box.local:11434')), undefined);
    assert.equal(plainHttpWarning(urlOf('http://192.168.1.20:8000/v1')), undefined);
  });

  it('warns for plain http to a public host, naming host:port and the fix', () => {
    const warning = plainHttpWarning(urlOf('http://203.0.113.5:8000/v1'));
    assert.ok(warning);
    assert.match(warning, /^203\.0\.113\.5:8000 is reached over plain http:\/\//);
    assert.match(warning, /use https:\/\//);
    assert.match(plainHttpWarning(urlOf('http://api.example.com')) ?? '', /^api\.example\.com is reached/);
    assert.match(plainHttpWarning(urlOf('http://[2001:db8::1]:80')) ?? '', /^\[2001:db8::1\] is reached/);
  });
});

describe('serverWarnings', () => {
  it('names each public plain-http server tier, 1-based, with the source, and only those', () => {
    const tiers = [
      { model: 'a.gguf' },
      { server: 'http://203.0.113.5:8000' },
      { server: 'https://api.example.com' },
      { server: 'http://127.0.0.1:8080' },
      { server: 'not a url' },
      { server: 'http://api.example.com' },
    ];
    const warnings = serverWarnings(tiers, 'cascade.tiers');
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /^cascade\.tiers\[2\]: 203\.0\.113\.5:8000 is reached over plain http:\/\//);
    assert.match(warnings[1], /^cascade\.tiers\[6\]: api\.example\.com is reached over plain http:\/\//);
  });

  it('defaults the source to "tiers" and is empty when nothing warrants a warning', () => {
    assert.deepEqual(serverWarnings([]), []);
    const quiet: { model?: string; server?: string }[] = [{ model: 'a.gguf' }, { server: 'http://10.1.2.3:8000' }];
    assert.deepEqual(serverWarnings(quiet), []);
    assert.match(serverWarnings([{ server: 'http://example.com' }])[0], /^tiers\[1\]: example\.com/);
  });
});
