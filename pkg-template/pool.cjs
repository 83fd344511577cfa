'use strict';
// `cnid-verify/pool`: verifyDumps on every core of a Node process, over worker_threads (issue 12).
//
// Design (README "All cores: cnid-verify/pool"):
// * Each worker (pool-worker.cjs) loads the package's Node entry: its own wasm instance and one
//   TrustStore. Nothing is shared between threads but messages.
// * The trust material is the app's, applied in the caller's thread first: a TrustStore here is the
//   reference. It validates each call synchronously (same errors, same results as a TrustStore), and
//   only a call that succeeded is sent to every worker, in order, and kept in a log that a worker
//   started later (or restarted after a crash) replays before it verifies anything. A worker that
//   disagrees with the reference (a trust call that failed there) breaks the pool: fail closed.
// * Messages to one worker are delivered in order, so a verification asked for after a revocation
//   runs after that revocation on every worker. Chunks of an earlier call still queued may see it too.
// * verifyDumps splits the list into chunks and hands them out as workers become free; the reports
//   come back in input order. The options are checked here, by the library, before anything is sent.
const os = require('node:os');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const cnid = require('./node.cjs');

/** At most this many dumps per message to a worker (bounds a message; keeps the workers balanced). */
const MAX_CHUNK = 256;
/**
 * Chunks sent to a worker before it answered the first: the next one is already there when it
 * finishes, so it never waits for this thread to take its reports and hand out more work.
 */
const DEPTH = 2;
/** A pool takes lists of up to this many dumps per call (a verifyDumps call: 100,000). */
const MAX_POOL_LIST = 1_000_000;
/** Threads per pool. */
const MAX_THREADS = 256;
/** Restarts of crashed workers a pool survives before it gives up (fails every call after). */
const MAX_RESTARTS = 16;
const WORKER = path.join(__dirname, 'pool-worker.cjs');

function coded(code, message, Type = Error) {
  const err = new Type(message);
  err.code = code;
  return err;
}

/** An error that crossed from a worker: the same class, code and message as in the worker. */
function revive(e) {
  const Type = e.name === 'TypeError' ? TypeError : Error;
  return coded(e.code, e.message, Type);
}

/** The `threads` option: an integer from 1 to MAX_THREADS; default the machine's parallelism. */
function readThreads(options) {
  if (options === undefined || options === null) return defaultThreads();
  if (typeof options !== 'object') throw coded('INVALID_OPTION', 'options must be an object', TypeError);
  let own;
  try {
    own = Object.getOwnPropertyNames(options);
  } catch {
    throw coded('INVALID_OPTION', 'options could not be read', TypeError);
  }
  for (const name of own) {
    if (name !== 'threads') throw coded('INVALID_OPTION', `unknown option ${JSON.stringify(name)} (options: threads)`, TypeError);
  }
  if (!own.includes('threads')) return defaultThreads();
  let desc;
  try {
    desc = Object.getOwnPropertyDescriptor(options, 'threads');
  } catch {
    throw coded('INVALID_OPTION', 'options could not be read', TypeError);
  }
  const n = desc && 'value' in desc ? desc.value : undefined;
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw coded('INVALID_OPTION', `threads must be an integer from 1 to ${MAX_THREADS}`, TypeError);
  }
  return n;
}

function defaultThreads() {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(MAX_THREADS, n || 1));
}

/** A copy of the caller's arguments that the reference store and every worker see identically. */
function frozenArgs(args) {
  try {
    return structuredClone(args);
  } catch {
    throw coded('INVALID_ARGUMENT', 'the arguments cannot be sent to the workers (not structured-cloneable)', TypeError);
  }
}

/** The list's items, read once here (a getter that throws or a revoked Proxy is the caller's error). */
function snapshotList(list) {
  let isArray;
  try {
    isArray = Array.isArray(list);
  } catch {
    isArray = false;
  }
  if (!isArray) throw coded('INVALID_ARGUMENT', 'list must be an array of Uint8Array', TypeError);
  const n = list.length;
  if (n > MAX_POOL_LIST) throw coded('INPUT_TOO_LARGE', `at most ${MAX_POOL_LIST} dumps per call`);
  const items = new Array(n);
  for (let i = 0; i < n; i++) {
    try {
      items[i] = list[i];
    } catch {
      throw coded('INVALID_ARGUMENT', `list[${i}] could not be read: its getter threw`, TypeError);
    }
  }
  return items;
}

/** A view into a larger buffer (Node's Buffer pool) would be cloned with all of that buffer: copy it. */
function compact(item) {
  try {
    if (ArrayBuffer.isView(item) && item[Symbol.toStringTag] === 'Uint8Array' && item.byteLength !== item.buffer.byteLength) {
      return new Uint8Array(item.buffer, item.byteOffset, item.byteLength).slice();
    }
  } catch {
    // Left as it is: the worker's verifyDumps reports what is wrong with it.
  }
  return item;
}

/** One worker thread; `inFlight` are the chunks sent to it, oldest first (it answers in order). */
class PoolWorker {
  constructor(trustLog, onMessage, onCrash) {
    this.inFlight = [];
    this.thread = new Worker(WORKER);
    this.thread.on('message', (m) => onMessage(this, m));
    this.thread.on('error', (e) => onCrash(this, e));
    this.thread.on('exit', (code) => onCrash(this, new Error(`worker exited with code ${code}`)));
    // Messages are queued until the worker runs: the trust it must hold comes before any chunk.
    for (const call of trustLog) this.thread.postMessage({ op: 'trust', call: call.name, args: call.args });
    this.thread.unref(); // an idle pool does not keep the process alive
  }
}

/** The pool: see the top of this file. */
class VerifierPool {
  #threads;
  #store = new cnid.TrustStore(); // the reference: every successful trust call, in order
  #trustLog = [];
  #workers = [];
  #queue = []; // chunks waiting for a worker: { job, start, items }
  #closed = false;
  #broken = null; // the error every call gets once a worker disagreed or crashed too often
  #restarts = 0;
  #onMessage = (w, m) => this.#message(w, m);
  #onCrash = (w, e) => this.#crash(w, e);

  constructor(threads) {
    this.#threads = threads;
    for (let i = 0; i < threads; i++) this.#workers.push(this.#spawn());
  }

  /** The number of worker threads. */
  get threads() {
    return this.#threads;
  }

  get keyCount() {
    return this.#store.keyCount;
  }

  get anchorCount() {
    return this.#store.anchorCount;
  }

  addJwks(...args) {
    return this.#trust('addJwks', args);
  }

  addCertificate(...args) {
    return this.#trust('addCertificate', args);
  }

  revokeKid(...args) {
    return this.#trust('revokeKid', args);
  }

  revokeSerial(...args) {
    return this.#trust('revokeSerial', args);
  }

  revokeSerialAnyIssuer(...args) {
    return this.#trust('revokeSerialAnyIssuer', args);
  }

  revokeCertificate(...args) {
    return this.#trust('revokeCertificate', args);
  }

  kids() {
    return this.#listing('kids');
  }

  anchors() {
    return this.#listing('anchors');
  }

  revokedKids() {
    return this.#listing('revokedKids');
  }

  revokedSerials() {
    return this.#listing('revokedSerials');
  }

  revokedKeys() {
    return this.#listing('revokedKeys');
  }

  /** Verifies every dump of `list` with the pool's trust; the reports in input order. */
  verifyDumps(list, options) {
    try {
      this.#usable();
      const items = snapshotList(list).map(compact);
      // The library checks the options (INVALID_OPTION as verifyDumps throws it) before any work.
      cnid.verifyDumps([], this.#store, options);
      const opts = frozenArgs(options);
      if (items.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        const job = { reports: new Array(items.length), pending: 0, failure: null, resolve, reject, opts };
        // About four chunks per worker: balanced when dumps differ in cost, and few messages.
        const size = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(items.length / (this.#threads * 4))));
        for (let start = 0; start < items.length; start += size) {
          job.pending++;
          this.#queue.push({ job, start, items: items.slice(start, start + size) });
        }
        this.#dispatch();
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Verifies one dump. */
  async verifyDump(bytes, options) {
    const [report] = await this.verifyDumps([bytes], options);
    return report;
  }

  /** Stops the workers; calls not finished reject with POOL_CLOSED. Idempotent. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    const closed = coded('POOL_CLOSED', 'the pool was closed before this call finished');
    for (const c of this.#queue.splice(0)) this.#fail(c, closed);
    const workers = this.#workers.splice(0);
    for (const w of workers) this.#release(w, closed);
    await Promise.all(workers.map((w) => w.thread.terminate()));
    this.#store.free();
  }

  #usable() {
    if (this.#closed) throw coded('POOL_CLOSED', 'the pool is closed');
    if (this.#broken) throw this.#broken;
  }

  #spawn() {
    return new PoolWorker(this.#trustLog, this.#onMessage, this.#onCrash);
  }

  /** A TrustStore call: on the reference store first (its result, or its error and nothing sent). */
  #trust(name, args) {
    this.#usable();
    const copy = frozenArgs(args);
    const result = this.#store[name](...copy);
    this.#trustLog.push({ name, args: copy });
    for (const w of this.#workers) w.thread.postMessage({ op: 'trust', call: name, args: copy });
    return result;
  }

  #listing(name) {
    this.#usable();
    return this.#store[name]();
  }

  #dispatch() {
    // Round-robin by depth: every free worker gets a chunk before any gets a second.
    for (let depth = 0; depth < DEPTH; depth++) {
      for (const w of this.#workers) {
        if (this.#queue.length === 0) return;
        if (w.inFlight.length > depth) continue;
        const chunk = this.#queue.shift();
        try {
          w.thread.postMessage({ op: 'verify', start: chunk.start, items: chunk.items, options: chunk.job.opts });
        } catch (e) {
          // Not cloneable (a detached buffer, a function ...): the caller's list is at fault.
          const end = chunk.start + chunk.items.length - 1;
          const why = `list[${chunk.start}..${end}] cannot be sent to a worker: ${e && e.message}`;
          this.#fail(chunk, coded('INVALID_ARGUMENT', why, TypeError));
          continue;
        }
        w.inFlight.push(chunk);
        w.thread.ref(); // keep the process alive while there is work
      }
    }
  }

  #settle(chunk, reports) {
    const { job } = chunk;
    if (reports) for (let i = 0; i < reports.length; i++) job.reports[chunk.start + i] = reports[i];
    if (--job.pending > 0) return;
    if (job.failure) job.reject(job.failure.error);
    else job.resolve(job.reports);
  }

  /** A failed chunk: the call rejects with its first failing chunk's error (verifyDumps throws at the first bad item). */
  #fail(chunk, error) {
    const { job } = chunk;
    if (!job.failure || chunk.start < job.failure.start) job.failure = { start: chunk.start, error };
    this.#settle(chunk, null);
  }

  /** Ends `w`'s chunks, if it has any, with `error`. */
  #release(w, error) {
    for (const chunk of w.inFlight.splice(0)) this.#fail(chunk, error);
  }

  #message(w, m) {
    if (m.op === 'trust') {
      // Workers answer a trust call only when it failed. The reference store accepted it, so every
      // worker must: a worker that differs would verify with other trust, so the pool fails closed.
      this.#break(coded('INTERNAL', `a worker disagrees with the pool's trust store: ${m.error.code}: ${m.error.message}`));
      return;
    }
    const chunk = w.inFlight.shift();
    if (w.inFlight.length === 0) w.thread.unref();
    if (chunk) {
      if (m.error) this.#fail(chunk, revive(m.error));
      else this.#settle(chunk, m.reports);
    }
    this.#dispatch();
  }

  #crash(w, error) {
    const index = this.#workers.indexOf(w);
    if (index < 0) return; // closed, or already replaced
    w.thread.removeAllListeners();
    w.thread.terminate().catch(() => {});
    this.#release(w, coded('INTERNAL', `a pool worker failed: ${error && error.message}`));
    if (++this.#restarts > MAX_RESTARTS) {
      this.#workers.splice(index, 1);
      this.#break(coded('INTERNAL', `the pool's workers failed ${this.#restarts} times; the pool is unusable`));
      return;
    }
    this.#workers[index] = this.#spawn(); // replays the trust log before any chunk
    this.#dispatch();
  }

  #break(error) {
    if (this.#broken) return;
    this.#broken = error;
    for (const c of this.#queue.splice(0)) this.#fail(c, error);
    for (const w of this.#workers.splice(0)) {
      this.#release(w, error);
      w.thread.removeAllListeners();
      w.thread.terminate().catch(() => {});
    }
  }
}

/** A pool of `threads` workers (default: the machine's parallelism), each with its own module instance. */
function createVerifierPool(options) {
  return new VerifierPool(readThreads(options));
}

module.exports = { createVerifierPool };
