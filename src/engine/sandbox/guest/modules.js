// @ts-check
/**
 * Lazy module `modules`, evaluated inside QuickJS: the CommonJS loader behind `require`,
 * `(intrinsics, host, builtin, program) => loader`. The host resolves a specifier (confined to
 * the project root) and compiles a file into a wrapper function; only source text crosses
 * into the VM. Each module runs once per run in its wrapper
 * `(exports, require, module, __filename, __dirname)` with a `require` that resolves from
 * its own file; the module cache lives and dies with the run. A module is cached before it
 * runs, so an import cycle sees the other module's exports as far as they got (as in Node).
 * The program itself is the module at the file the run stands for (`program`), so a module
 * that requires that file back gets the program's exports.
 *
 * A Node built-in the sandbox refuses throws when the program requires it. Required from a
 * loaded module it yields a stand-in instead: every property of it is another stand-in, and
 * calling, constructing or changing one throws the refusal, so a sibling module that imports
 * `fs` for some other function still loads. Like the other lazy modules it runs after the
 * program started, so it calls only the built-ins captured in `intrinsics`.
 */
/** @satisfies {GuestFactories['modules']} */ (function (intrinsics, host, builtin, program) {
  'use strict';
  var I = intrinsics, apply = I.apply, hasOwn = I.hasOwn;
  var cache = /** @type {Record<string, GuestModuleRecord>} */ (/** @type {unknown} */ ({ __proto__: null }));

  /**
   * @param {string} message
   * @param {string} [code]
   */
  function fail(message, code) {
    var error = new I.Error(message);
    if (code) I.defineProperty(error, 'code', { value: code, writable: true, configurable: true, enumerable: true });
    return error;
  }

  /**
   * A value that stands for a refused built-in: reading gives more stand-ins, using throws.
   * `__esModule` reads as true, so TypeScript's and Babel's import helpers pass it through
   * as it is (`import fs from 'fs'` then reads `fs.default`, another stand-in).
   * @param {string} message
   * @returns {unknown}
   */
  function standIn(message) {
    /** @returns {never} */
    function refuse() { throw fail(message); }
    // No prototype: a trap left out must not be found on a patched Object.prototype.
    var traps = /** @type {ProxyHandler<() => void>} */ ({
      __proto__: null,
      get: function (_target, key) { return key === '__esModule' ? true : standIn(message); },
      ownKeys: function () { return []; },
      getOwnPropertyDescriptor: function () { return undefined; },
      getPrototypeOf: function () { return null; },
      apply: refuse, construct: refuse, set: refuse, has: refuse, deleteProperty: refuse,
      defineProperty: refuse, setPrototypeOf: refuse, preventExtensions: refuse
    });
    // An arrow function: callable, and without the non-configurable `prototype` that would
    // make an empty ownKeys() invalid.
    return new I.Proxy(() => {}, traps);
  }

  /**
   * `require(specifier)` in the module `from` (`null`: the program).
   * @param {string | null} from
   * @param {unknown} specifier
   * @returns {unknown}
   */
  function requireFrom(from, specifier) {
    if (typeof specifier !== 'string') {
      throw fail('The "id" argument must be of type string. Received ' + typeof specifier, 'ERR_INVALID_ARG_TYPE');
    }
    var found = host.resolveModule(from, specifier);
    if (found.kind === 'builtin') return builtin(found.name);
    if (found.kind === 'refused') {
      if (from !== null && found.builtin) return standIn(found.message);
      throw fail(found.message);
    }
    if (found.kind === 'missing') throw fail(found.message, 'MODULE_NOT_FOUND');
    if (apply(hasOwn, cache, [found.path])) return cache[found.path].exports;
    return instantiate(found.path);
  }

  /** @param {string} path */
  function instantiate(path) {
    var compiled = host.loadModule(path);
    if (compiled.kind === 'error') throw fail(compiled.message);
    if (compiled.kind === 'program') {
      cache[path] = program;
      return program.exports;
    }
    /** @type {GuestModuleRecord} */
    var record = { id: path, filename: path, loaded: false, exports: {}, require: localRequire };
    function localRequire(/** @type {unknown} */ specifier) { return requireFrom(path, specifier); }
    cache[path] = record;
    try {
      if (compiled.kind === 'json') record.exports = I.jsonParse(compiled.text);
      else apply(compiled.wrapper, record.exports, [record.exports, localRequire, record, path, compiled.dirname]);
    } catch (error) {
      // As in Node: a module that failed to load is not cached, a later require retries.
      delete cache[path];
      throw error;
    }
    record.loaded = true;
    return record.exports;
  }

  return { require: requireFrom };
});
