import path from 'node:path';
import { classifyBuiltin } from '../sandbox/modules/classifyBuiltin';
import { resolveModule } from '../sandbox/modules/resolveModule';
import type { ProjectLocation } from './DocumentContext';

/**
 * Why a module the function needs cannot be loaded in the sandbox ("uses fs", "imports
 * './config', which is not found"), or undefined when it can: a built-in the sandbox
 * provides, or a file inside the project root.
 */
export function importModuleLimitation(specifier: string, project: ProjectLocation): string | undefined {
  const builtin = classifyBuiltin(specifier);
  if (builtin) return builtin.kind === 'builtin' ? undefined : `uses ${specifier.replace(/^node:/, '')}`;
  if (!project.file) return `imports '${specifier}' (save the file so its imports can be found)`;
  const root = project.root ?? path.dirname(project.file);
  const resolved = resolveModule(specifier, project.file, root);
  if (resolved.kind === 'file' || resolved.kind === 'builtin') return undefined;
  return resolved.kind === 'missing' ? `imports '${specifier}', which cannot be found` : `imports '${specifier}': ${resolved.message}`;
}
