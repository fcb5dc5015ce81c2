import path from 'node:path';
import type { RunRequest, SandboxLanguage } from '../sandbox/Sandbox';
import type { DocumentContext } from './DocumentContext';

/** The sandbox settings every test program of a document runs with: its language and where its imports resolve. */
export function sandboxScope(ctx: Pick<DocumentContext, 'language' | 'project'>): { language: SandboxLanguage; modules?: RunRequest['modules'] } {
  const language: SandboxLanguage = ctx.language === 'javascript' ? 'js' : 'ts';
  const { file, root } = ctx.project;
  return file ? { language, modules: { file, root: root ?? path.dirname(file) } } : { language };
}
