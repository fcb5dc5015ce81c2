// Server-sent events from a streamed HTTP body. Pure apart from reading the stream.

/**
 * The `data:` payloads of a text/event-stream body, one per event, as they arrive. Comments
 * (`:` pings) and other fields are skipped; multi-line data is joined with newlines.
 */
export async function* readEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const lines = function* (final: boolean): Generator<string> {
    for (;;) {
      const end = buffer.search(/\r\n|\r|\n/);
      if (end === -1) break;
      // A chunk ending in \r may be half of a \r\n: wait for the next one.
      if (!final && buffer[end] === '\r' && end === buffer.length - 1) break;
      const line = buffer.slice(0, end);
      buffer = buffer.slice(buffer[end] === '\r' && buffer[end + 1] === '\n' ? end + 2 : end + 1);
      yield line;
    }
    if (final && buffer !== '') {
      yield buffer;
      buffer = '';
      yield '';
    }
  };
  const take = function* (final: boolean): Generator<string> {
    for (const line of lines(final)) {
      if (line === '') {
        if (data.length > 0) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
    }
    // The body ended without the blank line that ends its last event.
    if (final && data.length > 0) {
      yield data.join('\n');
      data = [];
    }
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    yield* take(false);
  }
  buffer += decoder.decode();
  yield* take(true);
}
