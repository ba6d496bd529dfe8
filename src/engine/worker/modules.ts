/**
 * Loading user code: workflow modules into sandboxes (one per file, replaced after a deadlock
 * timeout) and activity modules into the host (TypeScript transpiled on the fly; imports of
 * `@temporalio/activity` resolve to the engine's activity context).
 */
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { EngineInputError } from '../errors.js';
import { ModuleLoader, resolveFile } from '../runtime/loader.js';
import { WorkflowSandbox, type SandboxOptions } from '../runtime/sandbox.js';
import * as activityApi from '../activity/index.js';
import { markContextFree } from '../activity/context.js';
import type { ActivityFn } from './activities.js';


export class WorkflowModules {
  private readonly sandboxes = new Map<string, WorkflowSandbox>();
  /** `onLoad`: called once per module file, when it is first loaded (the worker loads its activities then) */
  constructor(private readonly options: SandboxOptions, private readonly onLoad?: (file: string) => void) {}

  /** The deadlock timeout of workflow code, ms; undefined = none (option 0). Default 2000. */
  get deadlockTimeoutMs(): number | undefined {
    return this.options.deadlockTimeoutMs === 0 ? undefined : (this.options.deadlockTimeoutMs ?? 2000);
  }

  /** The sandbox of `file` (absolute path), loading it on first use. */
  get(file: string): WorkflowSandbox {
    let sb = this.sandboxes.get(file);
    if (!sb) {
      const first = !this.loaded.has(file);
      sb = new WorkflowSandbox(file, this.options);
      this.sandboxes.set(file, sb);
      this.loaded.add(file);
      if (first) this.onLoad?.(file);
    }
    return sb;
  }

  private readonly loaded = new Set<string>();

  /** Discards a sandbox whose context may be inconsistent (after a deadlock timeout). */
  discard(file: string): void {
    this.sandboxes.delete(file);
  }
}

const ACTIVITY_API = new Set(['@temporalio/activity', 'wfverify/activity', '@temporalio/common']);

/**
 * Loads an activity module (`.ts` or `.js`) and returns its exported functions.
 *
 * Activity code reaches the activity `Context` through imports. When the module and the modules
 * it imports relatively import nothing else but Node built-ins (not `module`, whose `require`
 * could load anything), and none of them imports lazily (no `import(`, `require(` or `eval(` in
 * its source), its functions are marked context-free (`markContextFree`): they run without the
 * async context that carries `Context.current()`.
 */
export function loadActivities(file: string): Record<string, ActivityFn> {
  const abs = path.resolve(file);
  const hostRequire = createRequire(abs);
  let reachesApi = false;
  const loader = new ModuleLoader({
    aliases: {},
    replacements: Object.fromEntries([...ACTIVITY_API].map((spec) => [spec, activityApi])),
    onSource: (_, source) => {
      if (/\b(?:import|require|eval)\s*\(/.test(source)) reachesApi = true;
    },
    bare: (spec) => {
      if (ACTIVITY_API.has(spec)) {
        reachesApi = true;
        return activityApi;
      }
      if (!isBuiltin(spec) || spec === 'module' || spec === 'node:module') reachesApi = true;
      return hostRequire(spec);
    },
  });
  let mod: Record<string, unknown>;
  try {
    mod = loader.load(abs);
  } catch (err) {
    throw new EngineInputError('WFE1003', `cannot load activity module ${file}: ${(err as Error).message}`, { cause: err });
  }
  const out: Record<string, ActivityFn> = {};
  for (const [k, v] of Object.entries(mod)) if (typeof v === 'function') out[k] = v as ActivityFn;
  if (!reachesApi) for (const fn of Object.values(out)) markContextFree(fn);
  return out;
}

/** `activities.ts` / `activities.js` beside a workflow file, if present. */
export function defaultActivitiesFile(workflowFile: string): string | undefined {
  return resolveFile('./activities', path.dirname(path.resolve(workflowFile)));
}
