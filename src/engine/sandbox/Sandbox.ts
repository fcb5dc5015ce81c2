/** Languages the sandbox runs. TypeScript is transpiled (types removed) first. */
export type SandboxLanguage = 'js' | 'ts';

export type RunStatus = 'pass' | 'fail' | 'error' | 'timeout';

/** Limits for one program run. */
export interface RunLimits {
  /** Wall-clock budget in ms, including virtual timer time. Default 1000. */
  timeoutMs?: number;
  /** QuickJS heap limit in bytes. Default 64 MiB. */
  memoryBytes?: number;
  /** QuickJS stack limit in bytes. Default 512 KiB. */
  stackBytes?: number;
  /** Captured console output cap in bytes. Default 64 KiB. */
  outputBytes?: number;
}

/** Where a program's `require`/`import` of files and packages resolve (see RunRequest.modules). */
export interface ModuleScope {
  /** Project root: nothing outside its real path is read. */
  root: string;
  /** Absolute path of the file the program stands for: relative imports resolve from its folder. */
  file: string;
}

export interface RunRequest extends RunLimits {
  code: string;
  language?: SandboxLanguage;
  /**
   * Where `require`/`import` of relative paths and packages resolve: `file` is the absolute path
   * the program stands for (the user's document), `root` the project root (nearest folder with a
   * package.json). Without it only the built-in modules load.
   */
  modules?: ModuleScope;
}

export interface RunOutcome {
  /**
   * pass: ran to the end with no failed assertion;
   * fail: an assertion (assert.*, console.assert) failed;
   * error: any other exception, syntax error, limit hit (memory, stack, output), or host
   *        access refused;
   * timeout: still running or still waiting (pending timers / top-level promise) when the
   *          time ran out.
   */
  status: RunStatus;
  ms: number;
  /** Short human-readable reason for anything but pass. */
  message?: string;
}

/** Runs untrusted programs in isolation. */
export interface Sandbox {
  run(request: RunRequest, signal?: AbortSignal): Promise<RunOutcome>;
  dispose(): Promise<void>;
}
