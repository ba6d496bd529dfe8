/**
 * `wfverify.config.json`: defaults for `wfverify check`.
 *
 * ```json
 * { "paths": ["src/workflows"], "maxStates": 1000000, "timeout": 60 }
 * ```
 * Unknown keys and wrong types are errors (WFV3005), so a misspelt option is never ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/index.js';

export interface CheckConfig {
  readonly paths: readonly string[];
  readonly maxStates?: number;
  readonly timeout?: number;
}

const KEYS = new Set(['paths', 'maxStates', 'timeout', '$schema']);

/** Reads the config named by `--config`, or `./wfverify.config.json` when present, else defaults. */
export function readCheckConfig(file: string | undefined, baseDir: string): CheckConfig {
  const target = file ?? path.join(baseDir, 'wfverify.config.json');
  if (file === undefined && !existsSync(target)) return { paths: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(target, 'utf8'));
  } catch (e) {
    throw new InputError(e instanceof SyntaxError ? 'WFV3005' : 'WFV1001', `${target}: ${(e as Error).message}`, { location: { file: target } });
  }
  const bad = (msg: string): InputError => new InputError('WFV3005', `${target}: ${msg}`, { location: { file: target } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('expected a JSON object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw bad(`unknown option "${k}" (known: paths, maxStates, timeout)`);
  const dir = path.dirname(target);
  let paths: string[] = [];
  if (o.paths !== undefined) {
    if (!Array.isArray(o.paths) || !o.paths.every((p) => typeof p === 'string')) throw bad('"paths" must be an array of strings');
    paths = (o.paths as string[]).map((p) => path.relative(baseDir, path.resolve(dir, p)) || '.');
  }
  for (const k of ['maxStates', 'timeout'] as const) {
    if (o[k] !== undefined && (typeof o[k] !== 'number' || !Number.isFinite(o[k]) || (o[k] as number) < 0)) throw bad(`"${k}" must be a non-negative number`);
  }
  return { paths, ...(o.maxStates !== undefined ? { maxStates: o.maxStates as number } : {}), ...(o.timeout !== undefined ? { timeout: o.timeout as number } : {}) };
}
