/**
 * Transpiles `src/engine` to ESM JavaScript for tests that spawn child processes (crash test),
 * without type checking and without depending on the rest of the tree building. `buildCli` adds
 * the engine's CLI commands and a stand-in for `bin/wfverify.js` that has only those commands.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(__dirname, '../../..');

function transpile(src: string, rel: string, outDir: string): void {
  const code = ts.transpileModule(readFileSync(path.join(src, rel), 'utf8'), {
    fileName: rel,
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const dest = path.join(outDir, rel.replace(/\.ts$/, '.js'));
  mkdirSync(path.dirname(dest), { recursive: true });
  writeFileSync(dest, code);
}

function transpileTree(src: string, outDir: string): void {
  for (const rel of readdirSync(src, { recursive: true }).map(String)) if (rel.endsWith('.ts')) transpile(src, rel, outDir);
}

/** The engine as ESM JavaScript; returns the directory holding `index.js`. */
export function buildEngine(): string {
  const out = path.join(repoRoot, 'node_modules/.cache/wfverify-engine-test', String(process.pid));
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  transpileTree(path.join(repoRoot, 'src/engine'), out);
  return out;
}

/** The engine commands (`run`, `signal`, `query`, `history`, `worker`) as a script: `node <script> run …`. */
export function buildCli(): string {
  const out = path.join(repoRoot, 'node_modules/.cache/wfverify-engine-cli-test', String(process.pid));
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  transpileTree(path.join(repoRoot, 'src/engine'), path.join(out, 'engine'));
  const cli = path.join(repoRoot, 'src/cli');
  for (const rel of ['exit.ts', 'engine-execution.ts', 'start-options.ts', 'commands/run.ts', 'commands/signal.ts', 'commands/query.ts', 'commands/history.ts', 'commands/worker.ts']) {
    transpile(cli, rel, path.join(out, 'cli'));
  }
  const script = path.join(out, 'wfverify-engine.mjs');
  // Like bin/wfverify.js + src/cli/main.ts: the exit code is set when the command's promise settles.
  writeFileSync(script, `import yargs from 'yargs';
import { takeExitCode } from './cli/exit.js';
const commands = await Promise.all(['run', 'signal', 'query', 'history', 'worker'].map((c) => import('./cli/commands/' + c + '.js')));
const p = yargs(process.argv.slice(2)).exitProcess(false).strict();
for (const m of commands) for (const c of Object.values(m)) p.command(c);
p.parseAsync().then(() => { process.exitCode = takeExitCode(); }, (err) => { console.error(err); process.exitCode = 70; });
`);
  return script;
}
