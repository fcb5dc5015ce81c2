// Public surface of the sandbox, also bundled on its own (dist/sandbox.js) for the memory benchmark.
export type { ModuleScope, RunLimits, RunOutcome, RunRequest, RunStatus, Sandbox, SandboxLanguage } from './Sandbox';
export { DEFAULT_LIMITS } from './limits';
export { SandboxPool, type SandboxPoolOptions, type SandboxPoolStats } from './SandboxPool';
