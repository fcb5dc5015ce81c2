import type { ResolvedLimits } from '../limits';
import type { RunOutcome, RunStatus } from '../Sandbox';

/** Longest `message` a run reports, in characters. */
const MESSAGE_CHARS = 200;

/** First line of a message, cut to `MESSAGE_CHARS`. */
export function shortMessage(text: string): string {
  const line = text.split('\n', 1)[0].trim();
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS - 1)}…` : line;
}

/**
 * Host-side state of one run: the clock (real plus virtual timer time), the output budget
 * and the verdict. It lives outside the VM so the program cannot reach it; the first
 * verdict recorded wins, and any verdict also makes the interrupt handler stop the VM.
 */
export class RunState {
  /** Virtual time (ms) the timers have advanced to. */
  virtualMs = 0;
  private outputBytes = 0;
  private verdict: { status: Exclude<RunStatus, 'pass'>; message: string } | undefined;
  private startedAt = performance.now();

  constructor(readonly limits: ResolvedLimits) {}

  get stopped(): boolean {
    return this.verdict !== undefined;
  }

  /**
   * Restarts the clock once the sandbox's own prelude is installed, so that the program's time
   * limit measures the program: a cold worker (wasm tier-up on a busy machine) can spend a
   * noticeable part of a short limit in the prelude.
   */
  startProgramClock(): void {
    this.startedAt = performance.now();
  }

  /**
   * Runs `work` off the program's clock: the host reading and transpiling a module the program
   * required is preparation, which a cold worker (loading the compiler) can make slow.
   */
  offTheClock<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.startedAt += performance.now() - started;
    }
  }

  /** Real ms since the run (or, once started, the program) started. */
  realMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Records the verdict unless one is already set. */
  stop(status: Exclude<RunStatus, 'pass'>, message: string): void {
    this.verdict ??= { status, message: shortMessage(message) };
  }

  timeout(detail = `time limit of ${this.limits.timeoutMs} ms exceeded`): void {
    this.stop('timeout', detail);
  }

  /** True when real plus virtual time is past the limit (and records the timeout). */
  outOfTime(extraVirtualMs = 0): boolean {
    if (this.realMs() + Math.max(this.virtualMs, extraVirtualMs) <= this.limits.timeoutMs) return false;
    this.timeout();
    return true;
  }

  /** The QuickJS interrupt handler: polled every few thousand instructions. */
  shouldInterrupt(): boolean {
    return this.stopped || this.outOfTime();
  }

  /** Counts console output; past the cap the run ends with an error. */
  write(text: string): void {
    this.outputBytes += Buffer.byteLength(text);
    if (this.outputBytes > this.limits.outputBytes) this.stop('error', 'output limit exceeded');
  }

  outcome(): RunOutcome {
    const ms = Math.round(this.realMs() * 100) / 100;
    return this.verdict ? { status: this.verdict.status, ms, message: this.verdict.message } : { status: 'pass', ms };
  }
}
