import { type FimTokens, tierName } from '../config/TierConfig';
import { abortableDelay, AbortError, throwIfAborted, untilAborted } from '../errors';
import { DEFAULT_SUFFIX_LINES, type GenerateOptions, type Generation, type ModelBackend } from '../model/ModelBackend';
import { StopAtFailure, StreamStopper } from '../model/StreamStopper';
import { fimPrompt, fimTemplateFor } from './fimTemplates';
import { readEvents } from './readEvents';
import { ServerError } from './ServerError';
import { connectionFailure, errorFromResponse, errorFromStream, type ServerAddress } from './serverFailures';

/** How a server tier is reached. */
export interface ServerBackendOptions {
  /** Base URL (validated: see parseServerUrl). */
  server: string;
  /** The name the server knows the model by; absent: its only or default model. */
  model?: string;
  /** Sent as `Authorization: Bearer …`; never logged. */
  apiKey?: string;
  /** The tier's FIM template (name or tokens), for servers without `/infill`. */
  fim?: string | FimTokens;
  /** Milliseconds to wait for the first token, and for each chunk after it. Default 10,000. */
  timeoutMs?: number;
  /** Wait before the one retry of a 429 or 5xx (a Retry-After header up to 5 s wins). Default 500. */
  retryDelayMs?: number;
  /** Lines after the cursor sent as the suffix. Default {@link DEFAULT_SUFFIX_LINES}. */
  suffixLines?: number;
}

/** What the server told about itself (once per backend, again after a failure). */
interface ServerInfo {
  /** llama-server's own `/infill` works for its model. */
  infillEndpoint: boolean;
  /** FIM tokens for `/v1/completions`, when the model's template is known. */
  template?: FimTokens;
  /** Sequences the server decodes at once (llama-server's slots): `n` per request is capped to it. */
  slots: number;
  /** Tokens of context per sequence, when the server says. */
  contextSize?: number;
}

/** A server tier's health, for the status bar. */
export type ServerState = { kind: 'unknown' } | { kind: 'ready'; infill: boolean } | { kind: 'failing'; message: string };

/** Characters per token assumed when clipping a prompt to a context the server reports in tokens. */
const CHARS_PER_TOKEN = 3;
/** Prompt characters kept when the server does not say its context size (~4,096 tokens). */
const DEFAULT_PROMPT_CHARS = 12_000;
const MAX_RETRY_AFTER_MS = 5_000;
/** Connections closed before an answer that are tried again before the tier gives up. */
const MAX_RESETS = 3;

/**
 * A model on an inference server, behind the same interface as a local one. Fill-in-the-middle
 * goes through llama-server's `/infill` when it has one, else through the OpenAI-compatible
 * `/v1/completions` with the model's FIM tokens in the prompt; plain prompts (tests) through
 * `/v1/completions`. Every answer is streamed: the caller's signal aborts the HTTP request (so
 * the server stops generating), and a `stopAt` cut or stop string closes the stream. The k
 * samples of one prompt go in one request (`n`), which the server decodes as a batch.
 */
export class ServerBackend implements ModelBackend {
  readonly name: string;
  readonly parallel = true;
  private readonly address: ServerAddress;
  private probing?: Promise<ServerInfo>;
  private info?: ServerInfo;
  private currentState: ServerState = { kind: 'unknown' };
  private readonly listeners = new Set<(state: ServerState) => void>();
  private isDisposed = false;
  private readonly requests = new Set<AbortController>();

  constructor(private readonly options: ServerBackendOptions) {
    const url = new URL(options.server);
    this.address = { base: url.href.replace(/\/+$/, ''), host: url.host, model: options.model };
    this.name = tierName({ server: options.server, model: options.model });
  }

  get supportsInfill(): boolean {
    return this.info !== undefined && (this.info.infillEndpoint || this.info.template !== undefined);
  }

  /** The last thing known about the server: unknown until the first request, then ready or failing. */
  get state(): ServerState {
    return this.currentState;
  }

  /** Calls `listener` whenever {@link state} changes; returns a function that stops it. */
  onStateChange(listener: (state: ServerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the server what it serves (once; again after a failure). */
  async load(signal?: AbortSignal): Promise<void> {
    await this.serverInfo(signal);
  }

  async generate(options: GenerateOptions): Promise<Generation> {
    const [generation] = await this.generateMany([options]);
    return generation;
  }

  /** The requests that share a prompt go as one request with `n` (in waves of the server's slots); others alongside. */
  async generateMany(requests: GenerateOptions[]): Promise<Generation[]> {
    if (requests.length === 0) return [];
    const info = await this.serverInfo(requests[0].signal);
    const results: Generation[] = new Array(requests.length);
    await Promise.all(
      batchesOf(requests, info.slots).map(async (batch) => {
        const generations = await this.tracked(() => this.streamBatch(info, batch.map((i) => requests[i])));
        batch.forEach((i, j) => (results[i] = generations[j]));
      }),
    );
    return results;
  }

  /** Aborts requests in flight; later calls reject. */
  async dispose(): Promise<void> {
    this.isDisposed = true;
    for (const request of this.requests) request.abort();
    this.requests.clear();
  }

  private setState(state: ServerState): void {
    const same = JSON.stringify(state) === JSON.stringify(this.currentState);
    this.currentState = state;
    if (!same) for (const listener of this.listeners) listener(state);
  }

  /** Runs a request and records the server's state from how it ended (a cancellation tells nothing). */
  private async tracked<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.setState({ kind: 'ready', infill: this.supportsInfill });
      return result;
    } catch (error) {
      if (error instanceof ServerError) {
        this.setState({ kind: 'failing', message: error.message });
        // What the server serves may have changed (restarted with another model): ask again next time.
        if (error.failure !== 'rejected') [this.probing, this.info] = [undefined, undefined];
      }
      throw error;
    }
  }

  private serverInfo(signal: AbortSignal | undefined): Promise<ServerInfo> {
    throwIfAborted(signal);
    if (this.isDisposed) return Promise.reject(new AbortError(`${this.name} was disposed.`));
    if (this.info) return Promise.resolve(this.info);
    // Shared by every caller: one caller's abort ends its wait, not the probe.
    this.probing ??= this.tracked(async () => (this.info = await this.probe())).catch(
      (error: unknown) => {
        this.probing = undefined;
        throw error;
      },
    );
    return untilAborted(this.probing, signal);
  }

  /**
   * llama-server answers `/props` (its slots, context, model file) and has `/infill` when its
   * model has FIM tokens; any OpenAI-compatible server lists its models at `/v1/models`.
   */
  private async probe(): Promise<ServerInfo> {
    const props = asRecord(await this.getJson('/props'));
    const llamaServer = typeof props?.total_slots === 'number';
    const listed = asRecord(await this.getJson('/v1/models'));
    const ids = Array.isArray(listed?.data) ? listed.data.map((m) => asRecord(m)?.id).filter((id): id is string => typeof id === 'string') : [];
    const { model } = this.options;
    // llama-server serves its one model under any name; the others route by name.
    if (!llamaServer && model && ids.length > 0 && !ids.includes(model)) {
      throw new ServerError(`${this.where()}: the server does not serve model "${model}" (it serves ${ids.map((id) => `"${id}"`).join(', ')}) — fix the tier's "model"`, 'model', 404);
    }
    const settings = asRecord(props?.default_generation_settings);
    const modelPath = typeof props?.model_path === 'string' ? props.model_path : undefined;
    return {
      infillEndpoint: llamaServer && (await this.hasInfill()),
      template: fimTemplateFor(this.options.fim, [model, ...ids, modelPath].filter((n): n is string => n !== undefined)),
      slots: llamaServer ? Math.max(1, props.total_slots as number) : MAX_N,
      contextSize: typeof settings?.n_ctx === 'number' && settings.n_ctx > 0 ? settings.n_ctx : undefined,
    };
  }

  /** llama-server's `/infill` answers 501 when the model has no FIM tokens; `n_predict` 0 generates nothing. */
  private async hasInfill(): Promise<boolean> {
    try {
      const response = await this.send('/infill', { input_prefix: '', input_suffix: '', n_predict: 0 });
      await response.body?.cancel();
      return true;
    } catch (error) {
      if (error instanceof ServerError && (error.status === 501 || error.status === 404 || error.failure === 'rejected')) return false;
      throw error;
    }
  }

  /** GET a JSON document; undefined when the server has no such endpoint. */
  private async getJson(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.send(path);
    } catch (error) {
      if (error instanceof ServerError && (error.failure === 'endpoint' || error.status === 404)) return undefined;
      throw error;
    }
    const text = await this.readText(response, path);
    try {
      return JSON.parse(text);
    } catch {
      throw new ServerError(`${this.where()}: ${path} answered with malformed JSON — is this an inference server?`, 'malformed', response.status);
    }
  }

  private async readText(response: Response, path: string): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw connectionFailure(this.address, path, error, false);
    }
  }

  /**
   * One HTTP request, retried once after a 429 or 5xx. Resolves once the response headers are
   * in (for a stream: the first token); the timeout, and `abort`, then keep governing its body.
   */
  private async send(path: string, body?: object, abort?: AbortController, signal?: AbortSignal): Promise<Response> {
    let [retried, resets] = [false, 0];
    for (;;) {
      try {
        return await this.sendOnce(path, body, abort ?? new AbortController(), signal);
      } catch (error) {
        if (!(error instanceof ServerError) || !error.retryable) throw error;
        // Pooled keep-alive connections the server had closed fail one by one, before it saw the
        // request: tried again at once, a few times. A busy or failing server: once, after a pause.
        if (error.failure === 'reset') {
          if (++resets > MAX_RESETS) throw error;
          continue;
        }
        if (retried) throw error;
        retried = true;
        await abortableDelay(retryDelay(error, this.options.retryDelayMs ?? 500), signal);
      }
    }
  }

  private async sendOnce(path: string, body: object | undefined, abort: AbortController, signal: AbortSignal | undefined): Promise<Response> {
    throwIfAborted(signal);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const onAbort = () => abort.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => abort.abort(new TimeoutSignal()), timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.address.base}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), accept: body ? 'text/event-stream, application/json' : 'application/json', ...this.authorization() },
        body: body ? JSON.stringify(body) : undefined,
        signal: abort.signal,
      });
    } catch (error) {
      if (signal?.aborted) throw new AbortError();
      throw abort.signal.reason instanceof TimeoutSignal
        ? new ServerError(`${this.where()}: no answer within ${timeoutMs} ms — the server may be overloaded; raise the tier's "timeoutMs" or check the server`, 'timeout')
        : connectionFailure(this.address, path, error, true);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw errorFromResponse(this.address, path, response, text, this.options.apiKey !== undefined);
    }
    return response;
  }

  private authorization(): Record<string, string> {
    return this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {};
  }

  private where(): string {
    return `Server ${this.address.host}${this.address.model ? ` (model "${this.address.model}")` : ''}`;
  }

  /** Streams one request for `batch` (which share a prompt) and splits it into one generation each. */
  private async streamBatch(info: ServerInfo, batch: GenerateOptions[]): Promise<Generation[]> {
    const first = batch[0];
    const { signal } = first;
    const infill = first.suffix !== undefined && (info.infillEndpoint || info.template !== undefined);
    const { path, body } = this.requestFor(info, first, batch.length, infill);
    const choices = batch.map((request) => new Choice(request));
    const abort = new AbortController();
    const response = await this.send(path, body, abort, signal);
    const onAbort = () => abort.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let idle = setTimeout(() => abort.abort(new TimeoutSignal()), timeoutMs);
    let ended = false;
    try {
      for await (const data of readEvents(response.body!)) {
        clearTimeout(idle);
        idle = setTimeout(() => abort.abort(new TimeoutSignal()), timeoutMs);
        if (data === '[DONE]') {
          ended = true;
          break;
        }
        const event = parseEvent(data);
        if (event === undefined) throw new ServerError(`${this.where()}: the stream from ${path} held malformed JSON — the server or a proxy garbled it`, 'malformed');
        if (event.error !== undefined) throw errorFromStream(this.address, path, event.error);
        for (const update of choiceUpdates(event)) choices[update.index]?.update(update);
        // Every choice has what it wants: closing the stream stops the server's generation.
        if (choices.every((choice) => choice.done)) {
          ended = true;
          break;
        }
      }
    } catch (error) {
      if (signal?.aborted) throw new AbortError();
      if (error instanceof ServerError) throw error;
      if (abort.signal.reason instanceof TimeoutSignal) {
        throw new ServerError(`${this.where()}: the stream stalled for ${timeoutMs} ms — the server may be overloaded; raise the tier's "timeoutMs" or check the server`, 'timeout');
      }
      throw connectionFailure(this.address, path, error, false);
    } finally {
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
      abort.abort();
    }
    throwIfAborted(signal);
    if (!ended && !choices.every((choice) => choice.done)) {
      throw new ServerError(`${this.where()}: the stream from ${path} ended before the answer did — the server may have restarted or a proxy cut it`, 'truncated');
    }
    return Promise.all(choices.map((choice) => choice.finish(infill)));
  }

  /** The endpoint and JSON body for `n` samples of a request. */
  private requestFor(info: ServerInfo, options: GenerateOptions, n: number, infill: boolean): { path: string; body: object } {
    const greedy = options.temperature <= 0;
    const sampling = {
      temperature: greedy ? 0 : options.temperature,
      ...(greedy ? {} : { top_p: options.topP ?? 0.95 }),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(n > 1 ? { n } : {}),
    };
    const stop = [...(options.stop ?? []), ...(infill && !info.infillEndpoint ? (info.template?.stop ?? []) : [])].filter((s) => s !== '');
    const budget = info.contextSize ? Math.max(256, (info.contextSize - options.maxTokens) * CHARS_PER_TOKEN) : DEFAULT_PROMPT_CHARS;
    const { prefix, suffix } = clipPrompt(options.prefix, infill ? (options.suffix ?? '') : '', budget, this.options.suffixLines ?? DEFAULT_SUFFIX_LINES);
    if (infill && info.infillEndpoint) {
      return { path: '/infill', body: { input_prefix: prefix, input_suffix: suffix, n_predict: options.maxTokens, stream: true, cache_prompt: true, ...(stop.length ? { stop } : {}), ...sampling } };
    }
    const prompt = infill ? fimPrompt(info.template!, prefix, suffix) : prefix;
    return {
      path: '/v1/completions',
      body: {
        ...(this.options.model ? { model: this.options.model } : {}),
        prompt,
        max_tokens: options.maxTokens,
        stream: true,
        stream_options: { include_usage: true },
        ...(stop.length ? { stop } : {}),
        ...sampling,
      },
    };
  }
}

/** `n` per request for servers that do not say how many sequences they decode at once. */
const MAX_N = 16;

/** Thrown into a request's abort signal when its time is up, to tell a timeout from a cancellation. */
class TimeoutSignal extends Error {}

/** One sample of a streamed request: its text so far, its stop watcher, how it ended. */
class Choice {
  private text = '';
  private chunks = 0;
  private tokens?: number;
  private finishReason?: Generation['stopReason'];
  private readonly stopper: StreamStopper;

  constructor(request: GenerateOptions) {
    // The caller's signal governs the whole stream, not one choice.
    this.stopper = new StreamStopper({ stop: request.stop, stopAt: request.stopAt }, () => this.chunks);
  }

  /** Ended, or cut where its caller wanted. */
  get done(): boolean {
    return this.finishReason !== undefined || this.stopper.signal.aborted;
  }

  update(update: ChoiceUpdate): void {
    if (update.text) {
      this.text += update.text;
      // A streamed chunk is one token on llama-server and vLLM; `usage` corrects it when it comes.
      this.chunks++;
      if (!this.stopper.signal.aborted) this.stopper.onText(update.text);
    }
    if (update.tokens !== undefined) this.tokens = update.tokens;
    if (update.finish !== undefined) this.finishReason ??= update.finish;
  }

  async finish(infill: boolean): Promise<Generation> {
    let cut;
    try {
      cut = await this.stopper.finish();
    } catch (error) {
      throw error instanceof StopAtFailure ? error.error : error;
    }
    return {
      text: cut ? cut.text : this.text,
      tokens: this.tokens ?? this.chunks,
      stopReason: cut ? cut.reason : (this.finishReason ?? 'eos'),
      infill,
    };
  }
}

interface ChoiceUpdate {
  index: number;
  text?: string;
  finish?: Generation['stopReason'];
  tokens?: number;
}

/** The per-choice news in one event of either stream format (llama-server's native one, or OpenAI's). */
function choiceUpdates(event: Record<string, unknown>): ChoiceUpdate[] {
  const { choices } = event;
  if (Array.isArray(choices)) {
    const usage = asRecord(event.usage);
    const tokens = typeof usage?.completion_tokens === 'number' ? usage.completion_tokens : undefined;
    return choices.map((raw): ChoiceUpdate => {
      const choice = asRecord(raw) ?? {};
      const reason = choice.finish_reason;
      return {
        index: typeof choice.index === 'number' ? choice.index : 0,
        text: typeof choice.text === 'string' ? choice.text : undefined,
        finish: reason === 'length' ? 'maxTokens' : typeof reason === 'string' ? 'eos' : undefined,
        // llama-server puts each choice's usage on its last chunk; vLLM one total at the end.
        tokens: choices.length === 1 ? tokens : undefined,
      };
    });
  }
  const stopType = event.stop_type;
  return [
    {
      index: typeof event.index === 'number' ? event.index : 0,
      text: typeof event.content === 'string' ? event.content : undefined,
      finish: event.stop === true ? (stopType === 'limit' ? 'maxTokens' : stopType === 'word' ? 'stop' : 'eos') : undefined,
      tokens: event.stop === true && typeof event.tokens_predicted === 'number' ? event.tokens_predicted : undefined,
    },
  ];
}

function parseEvent(data: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(data));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Indices of `requests` grouped by identical prompt and settings (seeds and callbacks aside), each group at most `width` long. */
function batchesOf(requests: GenerateOptions[], width: number): number[][] {
  const groups = new Map<string, number[]>();
  requests.forEach((request, i) => {
    const { prefix, suffix, maxTokens, temperature, topP, stop } = request;
    const key = JSON.stringify([prefix, suffix, maxTokens, temperature, topP, stop]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()].flatMap((group) => {
    const waves: number[][] = [];
    for (let i = 0; i < group.length; i += width) waves.push(group.slice(i, i + width));
    return waves;
  });
}

/** The prompt's end and the suffix's first lines, within `budget` characters (the suffix gets at most a quarter). */
function clipPrompt(prefix: string, suffix: string, budget: number, suffixLines: number): { prefix: string; suffix: string } {
  let after = suffix.split('\n').slice(0, suffixLines + 1).join('\n');
  after = after.slice(0, Math.floor(budget / 4));
  const room = Math.max(0, budget - after.length);
  let before = prefix.length > room ? prefix.slice(prefix.length - room) : prefix;
  // Start on a whole line.
  if (before.length < prefix.length) before = before.slice(before.indexOf('\n') + 1);
  return { prefix: before, suffix: after };
}

function retryDelay(error: ServerError, fallback: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, error.retryAfterMs ?? fallback);
}


