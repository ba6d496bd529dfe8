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
 * - Every script must contain a `(check-sat)` before any other output. A run that does not answer
 *   within its wall-clock limit, a crashed worker, output that does not start with Z3's answer
 *   to the check, or a missing `z3-solver` package give {@link SmtUnavailable}; a late worker is terminated and replaced on
 *   the next run. Callers treat that as "unknown", never as an answer.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Thrown when Z3 cannot answer (not installed, crashed, or out of time). */
export class SmtUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtUnavailable';
  }
}

/** Bytes reserved for one answer; longer answers are reported as {@link SmtUnavailable}. */
const ANSWER_BYTES = 1 << 22;
/** Slot 0: 0 = pending, 1 = answered; slot 1: answer length in bytes (-1: too long). */
const STATUS = 0;
const LENGTH = 1;

/**
 * The worker, as CommonJS source (Node workers cannot load TypeScript; src/ holds no .js). It
 * answers each posted script with `{ ok, text }` written as JSON into the shared answer buffer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const status = new Int32Array(workerData.status);
const answer = new Uint8Array(workerData.answer);
const ready = require(workerData.z3).init().then((api) => ({ api, ctx: api.Z3.mk_context(api.Z3.mk_config()) }));
parentPort.on('message', async (script) => {
  let reply;
  try {
    const { api, ctx } = await ready;
    reply = { ok: true, text: await api.Z3.eval_smtlib2_string(ctx, script) };
  } catch (e) {
    reply = { ok: false, text: String((e && e.message) || e) };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(reply));
  if (bytes.length <= answer.length) answer.set(bytes);
  Atomics.store(status, ${LENGTH}, bytes.length <= answer.length ? bytes.length : -1);
  Atomics.store(status, ${STATUS}, 1);
  Atomics.notify(status, ${STATUS});
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
   * of wall-clock time (the first run also pays for loading Z3, about half a second).
   */
  run(script: string, limitMs: number): string {
    const { worker, status, answer } = this.start();
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
      throw new SmtUnavailable(`z3 failed: ${reply.text}`);
    }
    // Every script answers a (check-sat) first. Z3 rejecting a command instead (seen once, under
    // heavy load, on a script it otherwise accepts: "unsupported … invalid command") leaves its
    // context in doubt: start afresh next time, and answer nothing from this run.
    const first = reply.text.trimStart().split('\n', 1)[0].trim();
    if (first !== 'sat' && first !== 'unsat' && first !== 'unknown') {
      this.stop();
      throw new SmtUnavailable(`z3 did not answer the check: ${reply.text.slice(0, 300)}`);
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
    const status = new Int32Array(new SharedArrayBuffer(8));
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
