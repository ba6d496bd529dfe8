/**
 * A synchronous SMT-LIB 2 front to the `z3-solver` package (Z3 compiled to WebAssembly).
 *
 * `z3-solver` only answers asynchronously (its solver runs on Emscripten worker threads), while
 * the checkers of wfverify are synchronous. The bridge runs Z3 in one worker thread of its own and
 * blocks the calling thread on `Atomics.wait` until the worker has written the answer into a
 * shared buffer. Everything the callers see is plain SMT-LIB text in and solver output out, so a
 * native `z3 -in` could take the worker's place (ALGORITHMS.md §4.3).
 *
 * Contracts:
 * - The worker is started lazily on the first {@link Z3Bridge.run} and initialises Z3 once; it is
 *   `unref`ed, so it never keeps the process alive (vitest and the CLI exit normally).
 * - Every run starts from a fresh solver state (the script is prefixed with `(reset)`).
 * - Loading Z3 (about half a second, much longer on a loaded machine) is waited for on its own,
 *   up to {@link LOAD_LIMIT_MS}: a run's limit counts from the moment Z3 is ready, so the first
 *   run of a process is not cut short by the load.
 * - Every script must contain a `(check-sat)` before any other output. A run that does not answer
 *   within its wall-clock limit, a crashed worker, output that does not start with Z3's answer
 *   to the check, or a missing `z3-solver` package give {@link SmtUnavailable}; a late worker is
 *   terminated and replaced on the next run. Callers treat that as "unknown", never as an answer.
 * - A failure that leaves the worker in doubt without using up the time (Z3 throwing, or
 *   rejecting a command of a script it otherwise accepts, seen under heavy load) is retried once
 *   on a fresh worker within what is left of the limit. Timeouts are not retried.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Thrown when Z3 cannot answer (not installed, crashed, or out of time). */
export class SmtUnavailable extends Error {
  /** @param transient the worker failed before its time was up (a fresh worker may answer). */
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
    this.name = 'SmtUnavailable';
  }
}

/** How long loading Z3 into a new worker may take before the run gives up. */
export const LOAD_LIMIT_MS = 60_000;

/** Bytes reserved for one answer; longer answers are reported as {@link SmtUnavailable}. */
const ANSWER_BYTES = 1 << 22;
/**
 * Slot 0: 0 = pending, 1 = answered; slot 1: answer length in bytes (-1: too long); slot 2:
 * 0 = loading Z3, 1 = loaded, -1 = loading failed.
 */
const STATUS = 0;
const LENGTH = 1;
const LOADED = 2;

/**
 * The worker, as CommonJS source (Node workers cannot load TypeScript; src/ holds no .js). It
 * answers each posted script with `{ ok, text }` written as JSON into the shared answer buffer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const status = new Int32Array(workerData.status);
const answer = new Uint8Array(workerData.answer);
const signal = (slot, value) => {
  Atomics.store(status, slot, value);
  Atomics.notify(status, slot);
};
const reply = (ok, text) => {
  const bytes = new TextEncoder().encode(JSON.stringify({ ok, text }));
  if (bytes.length <= answer.length) answer.set(bytes);
  Atomics.store(status, ${LENGTH}, bytes.length <= answer.length ? bytes.length : -1);
  signal(${STATUS}, 1);
};
const ready = require(workerData.z3).init().then((api) => ({ api, ctx: api.Z3.mk_context(api.Z3.mk_config()) }));
ready.then(() => signal(${LOADED}, 1), () => signal(${LOADED}, -1));
// A failure outside a script's promise would otherwise end the thread while the caller waits.
process.on('uncaughtException', (e) => reply(false, 'worker error: ' + String((e && e.message) || e)));
parentPort.on('message', async (script) => {
  try {
    const { api, ctx } = await ready;
    reply(true, await api.Z3.eval_smtlib2_string(ctx, script));
  } catch (e) {
    reply(false, String((e && e.message) || e));
  }
});
`;

/** One Z3 worker answering SMT-LIB scripts synchronously. */
export class Z3Bridge {
  /**
   * The worker and the buffers only it writes to: a worker that is replaced after a timeout may
   * still answer late, into buffers nobody reads any more.
   */
  private current: { worker: Worker; status: Int32Array; answer: Uint8Array } | undefined;

  /**
   * Runs `script` (SMT-LIB 2 commands) and returns Z3's output text. Waits at most `limitMs`
   * of wall-clock time once Z3 is loaded; a transient failure is retried once in what is left.
   */
  run(script: string, limitMs: number): string {
    this.load();
    const deadline = Date.now() + limitMs;
    try {
      return this.attempt(script, limitMs);
    } catch (e) {
      if (!(e instanceof SmtUnavailable) || !e.transient || Date.now() >= deadline) throw e;
      this.load();
      return this.attempt(script, Math.max(1, deadline - Date.now()));
    }
  }

  /** Starts the worker if there is none and waits until it has loaded Z3. */
  private load(): void {
    const { status } = this.start();
    if (Atomics.wait(status, LOADED, 0, LOAD_LIMIT_MS) === 'timed-out' || Atomics.load(status, LOADED) !== 1) {
      this.stop();
      throw new SmtUnavailable(`z3 could not be loaded within ${LOAD_LIMIT_MS} ms`);
    }
  }

  /** One run on the loaded worker. */
  private attempt(script: string, limitMs: number): string {
    const { status, answer, worker } = this.start();
    Atomics.store(status, STATUS, 0);
    worker.postMessage(`(reset)\n${script}`);
    if (Atomics.wait(status, STATUS, 0, limitMs) === 'timed-out') {
      this.stop();
      throw new SmtUnavailable(`z3 did not answer within ${limitMs} ms`);
    }
    const length = Atomics.load(status, LENGTH);
    if (length < 0) throw new SmtUnavailable('z3 answer too long');
    const reply = JSON.parse(new TextDecoder().decode(answer.slice(0, length))) as { ok: boolean; text: string };
    if (!reply.ok) {
      this.stop();
      throw new SmtUnavailable(`z3 failed: ${reply.text}`, true);
    }
    // Every script answers a (check-sat) first. Z3 rejecting a command instead (seen once, under
    // heavy load, on a script it otherwise accepts: "unsupported … invalid command") leaves its
    // context in doubt: start afresh, and answer nothing from this run.
    const first = reply.text.trimStart().split('\n', 1)[0].trim();
    if (first !== 'sat' && first !== 'unsat' && first !== 'unknown') {
      this.stop();
      throw new SmtUnavailable(`z3 did not answer the check: ${reply.text.slice(0, 300)}`, true);
    }
    return reply.text;
  }

  /** Terminates the worker (a later run starts a new one). */
  stop(): void {
    const w = this.current?.worker;
    this.current = undefined;
    if (w) void w.terminate();
  }

  private start(): { worker: Worker; status: Int32Array; answer: Uint8Array } {
    if (this.current) return this.current;
    let z3: string;
    try {
      z3 = createRequire(import.meta.url).resolve('z3-solver');
    } catch {
      throw new SmtUnavailable('the z3-solver package is not installed');
    }
    const status = new Int32Array(new SharedArrayBuffer(12));
    const answer = new Uint8Array(new SharedArrayBuffer(ANSWER_BYTES));
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { z3, status: status.buffer, answer: answer.buffer } });
    worker.unref();
    // A crash is seen by the waiting caller as a timeout; keep it from becoming an unhandled error.
    worker.on('error', () => undefined);
    this.current = { worker, status, answer };
    return this.current;
  }
}

let shared: Z3Bridge | undefined;

/** The process-wide bridge, created on first use. */
export function z3(): Z3Bridge {
  shared ??= new Z3Bridge();
  return shared;
}

/** Stops the process-wide worker, if any (optional: it never keeps the process alive). */
export function stopZ3(): void {
  shared?.stop();
}
