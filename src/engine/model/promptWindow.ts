import { clipPrompt } from './clipPrompt';
import { type Tokenize, tokenizeWindow } from './tokenizeWindow';

/** Settings of {@link promptWindow}. */
export interface PromptWindowOptions {
  /** Tokens the prompt's text may take (prefix and suffix together). */
  budget: number;
  /** Lines of suffix kept at most (the cursor's line counts as the first). */
  suffixLines: number;
  /** The prefix window of this sequence's last prompt (`window` of its result); none for a fresh sequence. */
  previous?: string;
}

/** A prompt cut to its window. */
export interface WindowedPrompt<T> {
  prefix: T[];
  suffix: T[];
  /** The text the prefix window covers: pass it as `previous` with the next prompt. */
  window: string;
}

/**
 * When the window must move, it moves so far that this share of the prefix budget is free,
 * so that the next lines typed fit without moving it again.
 */
const STEP_SHARE = 1 / 8;
/** When prefix and suffix are both long, the suffix keeps up to this share of the budget. */
const SUFFIX_SHARE = 0.25;
// Characters of the last window that must reappear for it to be found again.
const PROBE_CHARS = 64;
// Occurrences of the probe that are compared in full (repetitive code repeats lines).
const MAX_PROBES = 64;
// Code averages 3–4 characters a token: the first guess of how much text fills a budget.
const CHARS_PER_TOKEN = 3.5;
const MAX_TRIES = 8;

/**
 * The tokens of a fill-in-the-middle (or plain) prompt, cut to `budget`, so that the next
 * keystroke re-evaluates as little as possible: the model's KV cache holds the last prompt, and
 * everything after the first token that differs is evaluated again.
 * - The suffix keeps at most `suffixLines` lines: in prefix-suffix-middle order every
 *   keystroke re-evaluates it whole.
 * - The prefix window does not slide with the cursor. It starts where the last one started
 *   (found again by its text, so an edit or a shifted editor window elsewhere does not move
 *   it) for as long as the prefix from there fits; only then does it move, to a line start
 *   that leaves 1/8 of the budget free, so typing re-evaluates only the tokens after the
 *   edit, and a whole window only once every so many lines.
 * The same text and window give the same tokens, whatever the request wants to generate.
 */
export function promptWindow<T>(prefix: string, suffix: string | undefined, options: PromptWindowOptions, tokenize: Tokenize<T>): WindowedPrompt<T> {
  const budget = Math.max(0, Math.floor(options.budget));
  const suffixTokens = suffix ? tokenizeWindow(capLines(suffix, options.suffixLines), budget, 'start', tokenize) : [];
  const prefixBudget = budget - Math.min(suffixTokens.length, Math.floor(budget * SUFFIX_SHARE));
  const kept = keptWindow(prefix, prefixBudget, options.previous, tokenize) ?? movedWindow(prefix, prefixBudget, tokenize);
  // The prefix fits its budget, so clipping only trims a suffix longer than what is left.
  const clipped = clipPrompt(kept.tokens, suffixTokens, budget);
  return { prefix: clipped.prefix, suffix: clipped.suffix, window: prefix.slice(kept.start) };
}

/** `text` up to the end of its `lines`-th line (without that line's newline). */
export function capLines(text: string, lines: number): string {
  let end = -1;
  for (let line = 0; line < lines; line++) {
    end = text.indexOf('\n', end + 1);
    if (end === -1) return text;
  }
  return text.slice(0, Math.max(0, end));
}

interface PrefixWindow<T> {
  start: number;
  tokens: T[];
}

/** The last prompt's window start, when it is still in `prefix` and the prefix from there fits. */
function keptWindow<T>(prefix: string, budget: number, previous: string | undefined, tokenize: Tokenize<T>): PrefixWindow<T> | undefined {
  if (previous === undefined) return undefined;
  const start = findAgain(prefix, previous);
  if (start === undefined) return undefined;
  const tokens = tokenize(prefix.slice(start));
  return tokens.length <= budget ? { start, tokens } : undefined;
}

/**
 * Where `previous` starts again in `prefix`: of the places where its first characters occur,
 * the one that agrees with it longest, looked for outwards from where it would be if only the
 * text after it changed (code repeats lines, so the first match may be the wrong one).
 */
function findAgain(prefix: string, previous: string): number | undefined {
  const probe = previous.slice(0, PROBE_CHARS);
  const expected = Math.max(0, prefix.length - previous.length);
  let best: number | undefined;
  let bestLength = -1;
  let down = prefix.lastIndexOf(probe, expected);
  let up = prefix.indexOf(probe, expected + 1);
  for (let tries = 0; tries < MAX_PROBES && (down !== -1 || up !== -1); tries++) {
    const downward = up === -1 || (down !== -1 && expected - down <= up - expected);
    const at = downward ? down : up;
    if (downward) down = at > 0 ? prefix.lastIndexOf(probe, at - 1) : -1;
    else up = prefix.indexOf(probe, at + 1);
    const length = commonLength(prefix, at, previous);
    // Nearest first, so of equally long matches the nearest wins.
    if (length > bestLength) [best, bestLength] = [at, length];
    if (length === previous.length) break;
  }
  return best;
}

function commonLength(text: string, from: number, other: string): number {
  const limit = Math.min(other.length, text.length - from);
  let i = 0;
  while (i < limit && text.charCodeAt(from + i) === other.charCodeAt(i)) i++;
  return i;
}

/**
 * A new window: the whole prefix when it fits, else from the earliest line start whose text
 * fits in the budget less the step, found from a guess of its length in a few tokenisations.
 */
function movedWindow<T>(prefix: string, budget: number, tokenize: Tokenize<T>): PrefixWindow<T> {
  // A window of the text tokenises to more than the wanted tokens: fewer means the whole prefix.
  const whole = tokenizeWindow(prefix, budget + 1, 'end', tokenize);
  if (whole.length <= budget) return { start: 0, tokens: whole };
  const target = Math.max(1, budget - Math.ceil(budget * STEP_SHARE));
  let best: PrefixWindow<T> | undefined;
  let chars = Math.min(prefix.length, Math.ceil(target * CHARS_PER_TOKEN));
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const start = lineStartFrom(prefix, prefix.length - chars);
    const tokens = tokenize(prefix.slice(start));
    if (tokens.length <= target) {
      if (!best || start < best.start) best = { start, tokens };
      // Close enough to the target (or nothing left before it): more tries gain little.
      if (tokens.length >= target * 0.9 || start === 0) break;
      chars = Math.ceil(((prefix.length - start) * target) / Math.max(1, tokens.length));
    } else {
      const shrunk = Math.floor(((prefix.length - start) * target * 0.95) / tokens.length);
      chars = Math.min(shrunk, prefix.length - start - 1);
    }
    if (chars <= 0) break;
  }
  if (best) return best;
  // A last line longer than the whole budget (minified code): cut inside it, off a surrogate pair's second half.
  let start = Math.max(0, prefix.length - target);
  if (isLowSurrogate(prefix.charCodeAt(start))) start++;
  return { start, tokens: tokenize(prefix.slice(start)).slice(-target) };
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** The first line start at or after `at`; `at` itself when the text has no line start after it. */
function lineStartFrom(text: string, at: number): number {
  if (at <= 0) return 0;
  const newline = text.indexOf('\n', at - 1);
  return newline === -1 || newline + 1 >= text.length ? at : newline + 1;
}
