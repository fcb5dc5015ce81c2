/** Bounds on what the module loader reads for one run. */
export interface ModuleCaps {
  /** Largest module file, in bytes. */
  fileBytes: number;
  /** Bytes of module files read in one run, all files together. */
  runBytes: number;
  /** Module files loaded in one run (built-ins do not count). */
  modules: number;
}

/** Largest module file the sandbox reads: 1 MiB (bundled libraries larger than this are refused). */
export const MAX_MODULE_FILE_BYTES = 1024 * 1024;

/** Module source read in one run, all files together: 8 MiB. */
export const MAX_MODULE_RUN_BYTES = 8 * 1024 * 1024;

/** Module files one run may load: 256. */
export const MAX_MODULES_PER_RUN = 256;

/** The caps a run gets: 1 MiB per file, 8 MiB and 256 modules per run. */
export const DEFAULT_MODULE_CAPS: Readonly<ModuleCaps> = {
  fileBytes: MAX_MODULE_FILE_BYTES,
  runBytes: MAX_MODULE_RUN_BYTES,
  modules: MAX_MODULES_PER_RUN,
};
