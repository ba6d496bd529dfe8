/**
 * Finding what `wfverify check PATHS` checks: workflow files (TypeScript files that import
 * `@temporalio/workflow` or `wfverify/workflow`) and spec files (`*.wfspec`) under the given
 * paths. Directories are walked recursively, skipping `node_modules`, `dist`, `build` and hidden
 * folders; files named explicitly are always taken. Order is sorted, so runs are reproducible.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/index.js';

export interface Discovered {
  readonly workflowFiles: readonly string[];
  readonly specFiles: readonly string[];
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage']);
const API_IMPORT = /from\s+['"](@temporalio\/workflow|wfverify\/workflow|wfverify)['"]/;

function isSource(name: string): boolean {
  return /\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts');
}

export function discover(paths: readonly string[]): Discovered {
  const workflows = new Set<string>();
  const specs = new Set<string>();
  const visit = (p: string, explicit: boolean): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError('WFV1001', `${p}: no such file or directory`, { location: { file: p } });
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (entry.startsWith('.') || SKIP_DIRS.has(entry)) continue;
        visit(path.join(p, entry), false);
      }
      return;
    }
    const abs = path.resolve(p);
    if (p.endsWith('.wfspec')) specs.add(abs);
    else if (isSource(p) && (explicit || API_IMPORT.test(readFileSync(p, 'utf8')))) workflows.add(abs);
    else if (explicit) throw new InputError('WFV1000', `${p}: expected a TypeScript workflow file, a .wfspec file or a directory`, { location: { file: p } });
  };
  for (const p of paths) visit(p, true);
  return { workflowFiles: [...workflows].sort(), specFiles: [...specs].sort() };
}
