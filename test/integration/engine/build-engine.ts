/**
 * Transpiles `src/engine` to ESM JavaScript for tests that spawn child processes (crash test),
 * without type checking and without depending on the rest of the tree building.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(__dirname, '../../..');

export function buildEngine(): string {
  const src = path.join(repoRoot, 'src/engine');
  const out = path.join(repoRoot, 'node_modules/.cache/wfverify-engine-test', String(process.pid));
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  for (const rel of readdirSync(src, { recursive: true }).map(String)) {
    if (!rel.endsWith('.ts')) continue;
    const code = ts.transpileModule(readFileSync(path.join(src, rel), 'utf8'), {
      fileName: rel,
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const dest = path.join(out, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, code);
  }
  return out;
}
