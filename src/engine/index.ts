// The engine's public API: the CLI and the editor layer import only from here.
export { setAssetDir } from './assets';
export { AbortError, CascadeError, ConfigError, ModelLoadError, NoFunctionError } from './errors';
export { TIER_DEFAULTS, type TierConfig, type TiersFile } from './config/TierConfig';
export { validateTiers } from './config/validateTiers';
export { parseTiersFile, readTiersFile } from './config/readTiersFile';
export type { GenerateOptions, Generation, ModelBackend, ModelProvider, ModelSpec } from './model/ModelBackend';
export { LlamaModelProvider } from './model/LlamaModelProvider';
export { resolveModelPath } from './model/resolveModelPath';
export type { FunctionAtCursor, SourceLanguage } from './extract/FunctionAtCursor';
export { findFunctionAtCursor } from './extract/findFunctionAtCursor';
export { languageFromId } from './extract/languageOf';
export type { RunOutcome, RunRequest, RunStatus, Sandbox, SandboxLanguage } from './sandbox/Sandbox';
export { SandboxPool } from './sandbox/SandboxPool';
export { selectCandidate, type Selection } from './select/selectCandidate';
export type { CandidateTrace, CascadeProgress, CascadeResult, TierTrace } from './cascade/CascadeResult';
export { runCascade, type CascadeRequest } from './cascade/runCascade';
export { cursorOffset } from './cascade/cursorOffset';
