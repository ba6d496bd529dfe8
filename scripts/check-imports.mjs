#!/usr/bin/env node
// Enforces DESIGN.md's "Folders and who may import whom" on src/:
// - a folder imports only the folders its row allows, and only through their index.ts;
// - no import cycles between folders;
// - only the two compiler gateways import the `typescript` package: src/extract/ts.ts (the
//   extractor reads code) and src/engine/runtime/transpile.ts (the engine, which may not import
//   the verifier, transpiles workflow code before running it);
// - no compiled .js files inside src/ (they would shadow the .ts sources in tests).
// Exits 1 with one line per violation.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const src = join(root, 'src');
const TS_GATEWAYS = ['extract/ts.ts', 'engine/runtime/transpile.ts'];
const ALLOWED = {
  core: [],
  logic: ['core'],
  ctl: ['core', 'logic'],
  ltl: ['core', 'logic'],
  atl: ['core', 'logic'],
  smt: ['core', 'logic'],
  petri: ['core'],
  extract: ['core', 'logic', 'petri'],
  'tla-export': ['core', 'logic', 'petri', 'extract'],
  engine: [],
  'runtime-monitor': ['core', 'logic', 'engine'],
  cli: '*',
};

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const problems = [];
const edges = new Map();
const files = walk(src);
for (const file of files) {
  const rel = relative(src, file).split(sep).join('/');
  if (/\.(js|mjs|cjs)$/.test(rel)) problems.push(`src/${rel}: compiled JavaScript inside src/ (delete it; builds go to dist/)`);
  if (!rel.endsWith('.ts')) continue;
  const folder = rel.includes('/') ? rel.split('/')[0] : '.';
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  for (const spec of specs) {
    if (spec === 'typescript' && !TS_GATEWAYS.includes(rel)) problems.push(`src/${rel}: imports 'typescript'; only ${TS_GATEWAYS.join(' and ')} may (the compiler gateways)`);
    if (!spec.startsWith('.')) continue;
    const target = relative(src, resolve(dirname(file), spec)).split(sep).join('/');
    if (target.startsWith('..')) problems.push(`src/${rel}: imports ${spec}, outside src/`);
    const tFolder = target.includes('/') ? target.split('/')[0] : '.';
    if (tFolder === folder || folder === '.') continue;
    if (!(folder in ALLOWED)) {
      problems.push(`src/${rel}: folder '${folder}' is not in DESIGN.md's table (add it to scripts/check-imports.mjs with its allowed imports)`);
      continue;
    }
    const allowed = ALLOWED[folder];
    if (allowed !== '*' && !allowed.includes(tFolder)) problems.push(`src/${rel}: '${folder}' may not import '${tFolder}' (${spec})`);
    if (target !== `${tFolder}/index.js` && target !== `${tFolder}/index.ts`) problems.push(`src/${rel}: deep import ${spec}; import '${tFolder}' through its index.ts`);
    if (!edges.has(folder)) edges.set(folder, new Set());
    edges.get(folder).add(tFolder);
  }
}
// Folder-level cycle detection (DFS with colours).
const colour = new Map();
const stack = [];
function visit(f) {
  colour.set(f, 'grey');
  stack.push(f);
  for (const g of edges.get(f) ?? []) {
    if (colour.get(g) === 'grey') problems.push(`import cycle: ${[...stack.slice(stack.indexOf(g)), g].join(' -> ')}`);
    else if (!colour.has(g)) visit(g);
  }
  stack.pop();
  colour.set(f, 'black');
}
for (const f of edges.keys()) if (!colour.has(f)) visit(f);

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`\n${problems.length} import rule violation(s) (DESIGN.md, "Folders and who may import whom")`);
  process.exit(1);
}
console.log(`import rules hold for ${files.length} files in src/`);
