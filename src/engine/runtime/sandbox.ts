/**
 * The deterministic sandbox: one `node:vm` context per workflow module, shared by all runs of
 * that module (like Temporal's reusable V8 context). Inside it:
 *
 * - `Date` / `Date.now()` return the time of the current workflow task; `Math.random` is the
 *   run's seeded PRNG; there is no `setTimeout`, `process`, `require` of Node modules or I/O.
 * - `@temporalio/workflow`, `@temporalio/common` and `wfverify/workflow` resolve to the engine's
 *   own workflow API (`../workflow/index`), loaded into the context.
 * - microtasks run after each evaluation (`microtaskMode: 'afterEvaluate'`), so the host can
 *   drain a run's promise chain synchronously, bounded by the deadlock timeout. Inside a
 *   `guarded` (./watchdog.ts) section (the engine's batch loop) calls are nested untimed evaluations and the
 *   guard's single timeout bounds them; elsewhere each call has its own timeout.
 *
 * Contract: module-scope mutable state of a workflow module is shared between runs and must not
 * be used (the same rule as on Temporal with context reuse).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { EngineInputError } from '../errors.js';
import { ModuleLoader, resolveFile } from './loader.js';
import { insideGuard } from './watchdog.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The standard globals every module in the sandbox binds at its evaluation (see
 * `LoaderOptions.bindGlobals`): none that the sandbox replaces after loading the workflow API
 * (`Date`, `WeakRef`, `FinalizationRegistry`; `Math` is the same object, its `random` replaced in
 * place). Each saves a call into the context's global interceptor per use — hundreds per run in
 * the workflow API alone.
 */
const BOUND_GLOBALS = Object.freeze([
  'globalThis', 'Object', 'Array', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'JSON', 'Math', 'Number', 'String', 'Boolean', 'BigInt',
  'Reflect', 'Proxy', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Uint8Array', 'ArrayBuffer', 'DataView',
]);
const apiDir = path.join(here, '..', 'workflow');

function apiFile(name: string): string {
  const f = resolveFile(`./${name}.js`, apiDir);
  if (!f) throw new Error(`engine workflow API file ${name} not found in ${apiDir}`);
  return f;
}

/** The functions of `workflow/entry` as seen from the host (sandbox objects are opaque). */
export interface SandboxEntry {
  newActivator(info: unknown, fn: unknown, seed: string): object;
  activate(a: object, jobs: unknown, o: unknown): void;
  toSandbox(v: unknown): unknown;
  jobsToSandbox(jobs: unknown): unknown;
  argsToSandbox(args: readonly unknown[]): unknown[];
  pendingConditions(a: object): number;
  unblockConditions(a: object): number;
  conclude(a: object): { commands: unknown[]; taskFailure?: unknown; sinkCalls?: unknown[] };
  query(a: object, name: string, args: unknown[]): unknown;
}

export interface SandboxOptions {
  /** wall-clock limit of one call into workflow code, ms (0 = none); default 2000 */
  deadlockTimeoutMs?: number;
  /** receives `log.*` calls from workflow code (not during replay), with the run they come from */
  log?: (level: string, message: string, attrs?: unknown, run?: { workflowId: string; runId: string; workflowType: string }) => void;
  /** receives the values of `metricMeter` instruments (not during replay), with the run they come from */
  metric?: (m: import('../workflow/metrics.js').MetricValue, run: { workflowId: string; runId: string; workflowType: string }) => void;
}

/** A loaded workflow module in its own deterministic context. */
export class WorkflowSandbox {
  readonly file: string;
  readonly workflows: ReadonlyMap<string, unknown>;
  readonly loader: ModuleLoader;
  private readonly context: vm.Context;
  private readonly entry: SandboxEntry;
  private readonly call = new vm.Script('__wfv_box.out = __wfv_box.fn.apply(undefined, __wfv_box.args)');
  /** host handle on a sandbox object through which calls pass (a script-scope binding: no global-property interceptors) */
  private readonly box: { fn: unknown; args: unknown; out: unknown };
  /** the deadlock timeout of one call, ms; undefined = none */
  readonly timeout: number | undefined;
  /** the sandbox's (deterministic) `Date` */
  readonly Date: DateConstructor;

  constructor(file: string, options: SandboxOptions = {}) {
    this.file = path.resolve(file);
    this.timeout = options.deadlockTimeoutMs === 0 ? undefined : (options.deadlockTimeoutMs ?? 2000);
    // async-context stores (the current cancellation scope, the current update) and their class for workflow code: their continuations cross into the sandbox
    const host = {
      als: new AsyncLocalStorage(), updateStorage: new AsyncLocalStorage(), randomStorage: new AsyncLocalStorage(), AsyncLocalStorage, log: options.log,
      // values cross into the host as its own JSON copies
      metric: options.metric === undefined ? undefined : (m: unknown, run: { workflowId: string; runId: string; workflowType: string }) => options.metric!(JSON.parse(JSON.stringify(m)), { ...run }),
      // Temporal's `workflowInfo().unsafe`: the real clock and a real random source, for code that must not be deterministic (logging)
      unsafeNow: () => Date.now(), unsafeRandom: () => Math.random(),
    };
    this.context = vm.createContext({ __wfv_host: host }, { microtaskMode: 'afterEvaluate', codeGeneration: { strings: false, wasm: false } });
    const api = apiFile('index');
    this.loader = new ModuleLoader({
      context: this.context,
      aliases: { '@temporalio/workflow': api, 'wfverify/workflow': api, '@temporalio/common': api },
      bindGlobals: BOUND_GLOBALS,
      bare: (spec, from) => {
        throw new Error(`workflow code may not import "${spec}" (${from}): only @temporalio/workflow, wfverify/workflow and relative modules are available in the deterministic sandbox`);
      },
    });
    const internals = this.loader.load(apiFile('internals')) as { maybeActivator(): { now: number; rng(): number } | undefined };
    this.entry = this.loader.load(apiFile('entry')) as unknown as SandboxEntry;
    this.installDeterminism(internals);
    // A script-level `let`: later scripts reach it through the context's script scope, not
    // through the global object's interceptors (which cost ~1 µs per call).
    this.box = vm.runInContext('let __wfv_box = { fn: undefined, args: undefined, out: undefined }; __wfv_box', this.context) as WorkflowSandbox['box'];
    this.Date = vm.runInContext('Date', this.context) as DateConstructor;
    let mod: Record<string, unknown>;
    try {
      mod = this.loader.load(this.file);
    } catch (err) {
      throw new EngineInputError('WFE1003', `cannot load workflow module ${file}: ${(err as Error).message}`, { cause: err });
    }
    const workflows = new Map<string, unknown>();
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') workflows.set(name, value);
    this.workflows = workflows;
  }

  private installDeterminism(internals: { maybeActivator(): { now: number; rng(): number } | undefined }): void {
    const g = this.context as Record<string, unknown>;
    g.__wfv_now = () => internals.maybeActivator()?.now ?? 0;
    g.__wfv_rand = () => internals.maybeActivator()?.rng() ?? 0;
    vm.runInContext(
      `(() => {
        const OrigDate = Date;
        const now = __wfv_now, rand = __wfv_rand;
        class WorkflowDate extends OrigDate {
          constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
          static now() { return now(); }
        }
        globalThis.Date = WorkflowDate;
        Math.random = () => rand();
        delete globalThis.__wfv_now; delete globalThis.__wfv_rand;
        // Mock weak references: GC is nondeterministic and observable through them.
        globalThis.WeakRef = class { constructor(v) { this.v = v; } deref() { return this.v; } };
        globalThis.FinalizationRegistry = class { register() {} unregister() {} };
      })()`,
      this.context,
    );
  }

  /**
   * Calls a sandbox function with the deadlock timeout (the enclosing guard's, inside a
   * `guarded` (./watchdog.ts) section); microtasks are drained before it returns.
   */
  invoke<T>(fn: (...args: any[]) => T, ...args: unknown[]): T {
    const box = this.box;
    box.fn = fn;
    box.args = args;
    try {
      this.call.runInContext(this.context, this.timeout === undefined || insideGuard() ? undefined : { timeout: this.timeout });
      return box.out as T;
    } finally {
      box.fn = undefined;
      box.args = undefined;
      box.out = undefined;
    }
  }

  /** Parses JSON inside the sandbox, so values are objects of the sandbox realm. */
  parse(json: string): unknown {
    this.ctxParse ??= vm.runInContext('JSON.parse', this.context) as (s: string) => unknown;
    return this.ctxParse(json);
  }
  private ctxParse: ((s: string) => unknown) | undefined;

  get api(): SandboxEntry {
    return this.entry;
  }

  /** The workflow function named `type`; throws an input error listing the known names. */
  workflowOrThrow(type: string): unknown {
    const fn = this.workflows.get(type);
    if (fn === undefined) {
      const known = [...this.workflows.keys()].join(', ') || 'none';
      throw new EngineInputError('WFE1001', `unknown workflow type "${type}" in ${this.file} (exported workflows: ${known})`);
    }
    return fn;
  }
}
