/**
 * A tiny CommonJS module loader over transpiled sources, used for workflow code inside the
 * sandbox and for activity modules on the host. It resolves relative imports (`./x`, `./x.js`
 * → `./x.ts`), and maps well-known package names to replacement modules (the sandbox maps
 * `@temporalio/workflow` and `wfverify/workflow` to the engine's own API).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { transpileToCommonJs } from './transpile.js';

export interface LoaderOptions {
  /** `vm` context to evaluate in; undefined = the host realm */
  context?: vm.Context;
  /** bare specifier → absolute file path of a replacement module */
  aliases: Readonly<Record<string, string>>;
  /** bare specifier → an already-loaded module object (shared with the host) */
  preloaded?: Readonly<Record<string, unknown>>;
  /**
   * bare specifiers served by `bare` with a replacement the engine provides (the activity API):
   * a module using a member it lacks is refused at load, as for `aliases`
   */
  replacements?: Readonly<Record<string, object>>;
  /** what to do with other bare specifiers (throw in the sandbox, host `require` outside) */
  bare: (specifier: string, fromFile: string) => unknown;
  /** sees the source text of every module file before it is evaluated */
  onSource?: (file: string, source: string) => void;
  /**
   * global names each module binds once, when it is evaluated (the values then current), as
   * parameters of an enclosing function: inside a `vm` context every global lookup passes
   * through the contextified global object's interceptor (~0.1 µs each), a parameter does not.
   * Only for names whose global value never changes after the first module is loaded.
   */
  bindGlobals?: readonly string[];
}

interface Module { exports: Record<string, unknown> }

/** Resolves `spec` relative to `fromDir`, trying TypeScript twins of `.js` files. */
export function resolveFile(spec: string, fromDir: string): string | undefined {
  const base = path.resolve(fromDir, spec);
  const candidates = [base, `${base}.ts`, `${base}.js`, base.replace(/\.(m?)js$/, '.$1ts'), path.join(base, 'index.ts'), path.join(base, 'index.js')];
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}

/** Loads modules on demand; each file is evaluated once per loader. */
export class ModuleLoader {
  private readonly cache = new Map<string, Module>();
  private readonly maps = new Map<string, SourceMap>();

  constructor(private readonly options: LoaderOptions) {}

  /** True if `file` is a module this loader evaluated (user code, or the engine's API it loaded). */
  evaluated(file: string): boolean {
    return this.cache.has(file);
  }

  /** Loads `file` (absolute) and returns its exports. */
  load(file: string): Record<string, unknown> {
    const cached = this.cache.get(file);
    if (cached) return cached.exports;
    const source = readFileSync(file, 'utf8');
    this.options.onSource?.(file, source);
    const { code, sourceMap } = transpileToCommonJs(source, file);
    if (sourceMap) this.maps.set(file, new SourceMap(JSON.parse(sourceMap)));
    const module: Module = { exports: {} };
    this.cache.set(file, module);
    this.checkAliasMembers(file, code);
    const params = 'exports, require, module, __filename, __dirname';
    const globals = this.options.bindGlobals?.join(', ');
    // one line either way: line numbers stay those of the transpiled code
    const wrapper = globals === undefined || globals === ''
      ? `(function (${params}) {${code}\n})`
      : `(function (${globals}) { return function (${params}) {${code}\n}; })(${globals})`;
    const script = new vm.Script(wrapper, { filename: file });
    const fn = (this.options.context ? script.runInContext(this.options.context) : script.runInThisContext()) as (
      ...a: unknown[]
    ) => void;
    const dir = path.dirname(file);
    const req = (spec: string): unknown => this.require(spec, file, dir);
    fn(module.exports, req, module, file, dir);
    return module.exports;
  }

  /**
   * Refuses a module that uses a member a replacement module (an alias) does not have — say
   * `upsertSearchAttributes` of `@temporalio/workflow`, which the engine's API lacks — naming the
   * member and where the user's code uses it, before any of the module runs. Without this, the
   * member would be `undefined` and the workflow would fail at its first call, mid-run. Read from
   * the CommonJS output, where a value import or namespace member `m` of `spec` is `v.m` with
   * `const v = require("spec")` (type-only imports are gone: they need nothing at run time).
   */
  private checkAliasMembers(file: string, code: string): void {
    const missing: string[] = [];
    const offered = new Map<string, string>();
    const binding = /\bconst (\w+) = (?:__importStar\(|__importDefault\()?require\("([^"]+)"\)/g;
    for (let m = binding.exec(code); m !== null; m = binding.exec(code)) {
      const [, name, spec] = m;
      const alias = this.options.aliases[spec];
      const exported = alias !== undefined ? this.load(alias) : this.options.replacements?.[spec] as Record<string, unknown> | undefined;
      if (exported === undefined) continue;
      const use = new RegExp(`\\b${name}\\.(\\w+)`, 'g');
      const seen = new Set<string>();
      for (let u = use.exec(code); u !== null; u = use.exec(code)) {
        const member = u[1];
        if (member in exported || seen.has(member)) continue;
        seen.add(member);
        const before = code.slice(0, u.index).split('\n');
        const where = this.mapLocation(`${file}:${before.length}:${before[before.length - 1].length + 1}`);
        missing.push(`${where}: "${spec}" has no export "${member}" in the engine`);
        offered.set(spec, Object.keys(exported).filter((k) => k !== '__esModule').sort().join(', '));
      }
    }
    if (missing.length === 0) return;
    const lists = [...offered].map(([spec, names]) => `the engine's "${spec}" has: ${names}`);
    throw new Error(`${missing.join('; ')} (${lists.join('; ')})`);
  }

  private require(spec: string, fromFile: string, dir: string): unknown {
    const pre = this.options.preloaded?.[spec];
    if (pre !== undefined) return pre;
    const alias = this.options.aliases[spec];
    if (alias) return this.load(alias);
    if (spec.startsWith('./') || spec.startsWith('../') || path.isAbsolute(spec)) {
      const file = resolveFile(spec, dir);
      if (!file) throw new Error(`cannot find module "${spec}" imported from ${fromFile}`);
      return this.load(file);
    }
    return this.options.bare(spec, fromFile);
  }

  /** Maps `file:line:col` in transpiled code back to the user's source. */
  mapLocation(location: string): string {
    const m = /^(.*):(\d+):(\d+)$/.exec(location);
    if (!m) return location;
    const map = this.maps.get(m[1]);
    if (!map) return location;
    const entry = map.findEntry(Number(m[2]) - 1, Number(m[3]) - 1) as { originalLine?: number; originalColumn?: number };
    if (entry.originalLine === undefined) return location;
    return `${m[1]}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  }
}
