import { ASSERT_MODULE_SOURCE } from './assertModule';
import { INSPECT_SOURCE } from './inspectSource';
import { PROMISE_TRACKING_SOURCE } from './promiseTrackingSource';
import { VIRTUAL_TIMERS_SOURCE } from './virtualTimersSource';

/** Sandbox-side modules the prelude compiles on first use, by the name it asks for. */
export const LAZY_MODULE_SOURCES: Readonly<Record<string, string>> = {
  assert: ASSERT_MODULE_SOURCE,
  inspect: INSPECT_SOURCE,
  promises: PROMISE_TRACKING_SOURCE,
  timers: VIRTUAL_TIMERS_SOURCE,
};
