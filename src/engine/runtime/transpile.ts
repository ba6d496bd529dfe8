/**
 * The engine's one gateway to the TypeScript compiler (the engine may not import
 * `src/extract`, which owns the verifier's gateway). Workflow and activity modules are
 * transpiled file by file to CommonJS (no type checking), with a source map so that
 * diagnostics point at the user's lines.
 *
 * Loading the compiler costs over a second, so it is loaded lazily and outputs are cached on
 * disk by content hash (`WFVERIFY_CACHE_DIR`, default `<tmpdir>/wfverify-transpile-cache`):
 * a restarted worker whose code did not change never loads the compiler.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Transpiled {
  readonly code: string;
  readonly sourceMap?: string;
}

/** Bump when the transpile options change, to invalidate cached outputs. */
const CACHE_KEY_VERSION = '2';

type TS = typeof import('typescript');
let tsModule: TS | undefined;
function typescript(): TS {
  tsModule ??= createRequire(import.meta.url)('typescript') as TS;
  return tsModule;
}

function cacheDir(): string {
  return process.env.WFVERIFY_CACHE_DIR ?? path.join(tmpdir(), 'wfverify-transpile-cache');
}

/** Transpiles one TypeScript or ESM JavaScript file to CommonJS ES2022 (cached). */
export function transpileToCommonJs(source: string, fileName: string): Transpiled {
  const hash = createHash('sha256').update(CACHE_KEY_VERSION).update('\0').update(path.extname(fileName)).update('\0').update(source).digest('hex');
  const file = path.join(cacheDir(), `${hash}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Transpiled;
  } catch {
    // not cached yet
  }
  const ts = typescript();
  const out = ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      sourceMap: true,
      esModuleInterop: true,
      allowJs: true,
      useDefineForClassFields: true,
    },
    reportDiagnostics: false,
  });
  const result: Transpiled = { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/m, ''), sourceMap: out.sourceMapText };
  try {
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, file);
  } catch {
    // the cache is an optimisation only
  }
  return result;
}
