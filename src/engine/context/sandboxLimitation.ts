import type { FreeReference } from './freeReferences';
import { CLOCK_MEMBERS, PROCESS_MEMBERS_ALLOWED, SANDBOX_GLOBALS, TIMER_GLOBALS } from './sandboxGlobals';

/**
 * Why a use of a global name cannot be tested in the sandbox, as a short phrase for the trace
 * and the status bar ("uses fetch"), or undefined when the sandbox provides it faithfully or
 * the name is not a known global at all (see undefinedName). `name` is a name the document
 * does not declare: an environment global (DOM, `fetch`, `localStorage`, `crypto`, `Intl`,
 * which QuickJS lacks, …), host state (`process.env`, `process.cwd()`), the real clock
 * (`Date.now()`, `new Date()`) or timers.
 */
export function sandboxLimitation(ref: FreeReference): string | undefined {
  const { name, property } = ref;
  if (name === 'process') {
    return property !== undefined && PROCESS_MEMBERS_ALLOWED.has(property) ? undefined : `uses process${property ? `.${property}` : ''}`;
  }
  if (name === 'Date') {
    if (property !== undefined && CLOCK_MEMBERS.has(property)) return 'uses Date.now()';
    return ref.constructedWith === 0 ? 'uses new Date() (the current time)' : undefined;
  }
  if (TIMER_GLOBALS.has(name)) return `uses ${name}`;
  if (SANDBOX_GLOBALS.has(name)) return undefined;
  return ENVIRONMENT_GLOBALS.has(name) || name in globalThis ? `uses ${name}` : undefined;
}

/** Globals of browsers (and of Node beyond what `globalThis` lists here) that code commonly uses. */
export const ENVIRONMENT_GLOBALS: ReadonlySet<string> = new Set([
  'window', 'self', 'document', 'navigator', 'location', 'history', 'screen', 'localStorage', 'sessionStorage',
  'indexedDB', 'alert', 'confirm', 'prompt', 'getComputedStyle', 'matchMedia', 'requestAnimationFrame',
  'cancelAnimationFrame', 'requestIdleCallback', 'HTMLElement', 'Element', 'Node', 'NodeList', 'Event',
  'CustomEvent', 'KeyboardEvent', 'MouseEvent', 'MutationObserver', 'IntersectionObserver', 'ResizeObserver',
  'XMLHttpRequest', 'WebSocket', 'EventSource', 'FormData', 'Blob', 'File', 'FileReader', 'Image', 'Audio',
  'DOMParser', 'Worker', 'caches', 'fetch', 'Request', 'Response', 'Headers', 'performance', 'crypto',
  '__dirname', '__filename', 'Intl',
]);
