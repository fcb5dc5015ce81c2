import ASSERT_SOURCE from '../guest/assert.js?source';
import ASSERT_THROWS_SOURCE from '../guest/assertThrows.js?source';
import BUFFER_SOURCE from '../guest/buffer.js?source';
import BUFFER_NUMBERS_SOURCE from '../guest/bufferNumbers.js?source';
import DEEP_EQUAL_SOURCE from '../guest/deepEqual.js?source';
import INSPECT_SOURCE from '../guest/inspect.js?source';
import MODULES_SOURCE from '../guest/modules.js?source';
import PROMISES_SOURCE from '../guest/promises.js?source';
import TEXT_CODING_SOURCE from '../guest/textCoding.js?source';
import TIMERS_SOURCE from '../guest/timers.js?source';
import URL_SOURCE from '../guest/url.js?source';
import URL_HOST_SOURCE from '../guest/urlHost.js?source';
import URL_SEARCH_PARAMS_SOURCE from '../guest/urlSearchParams.js?source';

/**
 * Sandbox-side modules, by the name the prelude asks for: each is compiled into the memory
 * image (PristineVM) and initialised on first use (`GuestFactories` in ../guest/guest.d.ts has
 * each factory's type).
 */
export const LAZY_MODULE_SOURCES: Readonly<Record<string, string>> = {
  assert: ASSERT_SOURCE,
  assertThrows: ASSERT_THROWS_SOURCE,
  buffer: BUFFER_SOURCE,
  bufferNumbers: BUFFER_NUMBERS_SOURCE,
  deepEqual: DEEP_EQUAL_SOURCE,
  inspect: INSPECT_SOURCE,
  modules: MODULES_SOURCE,
  promises: PROMISES_SOURCE,
  textCoding: TEXT_CODING_SOURCE,
  timers: TIMERS_SOURCE,
  url: URL_SOURCE,
  urlHost: URL_HOST_SOURCE,
  urlSearchParams: URL_SEARCH_PARAMS_SOURCE,
};
