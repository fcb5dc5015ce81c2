// @ts-check
/**
 * Lazy module `timers`, evaluated inside QuickJS: Node-like timers on a virtual clock,
 * `(intrinsics) => { api, nextDue, runNext }`, using only the built-ins the prelude captured
 * (`intrinsics`) before the program ran. Nothing sleeps: when the job queue is empty the host
 * asks `nextDue()` for the virtual time (ms since the start) of the earliest timer, charges
 * it against the run's time limit, and calls `runNext()`. So `setTimeout(f, 5000)` under a
 * 1000 ms limit is a timeout at once, and an endless `setInterval` uses up the limit.
 * Unreferenced timers (`unref()`) do not keep the program alive, as in Node.
 */
/** @satisfies {GuestFactories['timers']} */ (function (intrinsics) {
  'use strict';
  var I = intrinsics, apply = I.apply, slice = I.slice, MAX_DELAY = 2147483647;
  var now = 0, lastId = 0;
  /** @type {GuestTimerRecord[]} */
  var timers = [];

  class Timeout {
    /** @param {GuestTimerRecord} record */
    constructor(record) { this._record = record; }
    ref() { this._record.ref = true; return this; }
    unref() { this._record.ref = false; return this; }
    hasRef() { return this._record.ref; }
    refresh() { this._record.due = now + this._record.delay; return this; }
    [Symbol.toPrimitive]() { return this._record.id; }
  }

  /** @param {unknown} ms */
  function delayOf(ms) {
    var delay = I.Number(ms);
    return delay >= 1 && delay <= MAX_DELAY ? I.floor(delay) : 1;
  }

  /**
   * @param {GuestTimerCallback} callback
   * @param {unknown} ms
   * @param {unknown[]} args
   * @param {boolean} repeat
   * @param {boolean} immediate
   */
  function add(callback, ms, args, repeat, immediate) {
    if (typeof callback !== 'function') throw new I.TypeError('The "callback" argument must be of type function');
    var delay = immediate ? 0 : delayOf(ms);
    /** @type {GuestTimerRecord} */
    var record = { id: ++lastId, due: now + delay, delay: delay, repeat: repeat, callback: callback,
      args: args, ref: true, handle: null };
    record.handle = new Timeout(record);
    apply(I.push, timers, [record]);
    return record.handle;
  }

  /** @param {unknown} handle */
  function clear(handle) {
    var id = handle instanceof Timeout ? handle._record.id : I.Number(handle);
    var index = apply(I.findIndex, timers, [function (/** @type {GuestTimerRecord} */ record) { return record.id === id; }]);
    if (index >= 0) apply(I.splice, timers, [index, 1]);
  }

  function earliest() {
    var best = -1, anyRef = false;
    for (var i = 0; i < timers.length; i++) {
      var t = timers[i];
      if (t.ref) anyRef = true;
      if (best < 0 || t.due < timers[best].due || (t.due === timers[best].due && t.id < timers[best].id)) best = i;
    }
    return anyRef ? best : -1;
  }

  function nextDue() {
    var index = earliest();
    return index < 0 ? -1 : timers[index].due;
  }

  function runNext() {
    var index = earliest();
    if (index < 0) return;
    var record = timers[index];
    now = record.due;
    if (record.repeat) record.due = now + record.delay; else apply(I.splice, timers, [index, 1]);
    apply(record.callback, record.handle, record.args);
  }

  /** @type {GuestTimersApi} */
  var api = {
    setTimeout: function setTimeout(callback, ms) { return add(callback, ms, apply(slice, arguments, [2]), false, false); },
    setInterval: function setInterval(callback, ms) { return add(callback, ms, apply(slice, arguments, [2]), true, false); },
    setImmediate: function setImmediate(callback) { return add(callback, 0, apply(slice, arguments, [1]), false, true); },
    clearTimeout: clear, clearInterval: clear, clearImmediate: clear
  };
  return { api: api, nextDue: nextDue, runNext: runNext };
});
