#!/usr/bin/env node
/**
 * Robustness sweep of the extractor over a directory of workflow files (for example a checkout of
 * the public Temporal TypeScript samples): every file must either extract or yield located
 * diagnostics — never crash. Prints one line per file and a summary; exit 1 when any file
 * crashed the extractor (an exception or an internal WFV7000 diagnostic).
 *
 *   npm run build && node scripts/extract-sweep.mjs DIR [--lower]
 *
 * With --lower, each extracted workflow is also lowered and explored (bounded), so crashes of the
 * lowering are caught too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { extractWorkflows, lowerToSystem } from '../dist/extract/index.js';
import { explore } from '../dist/core/index.js';

const dir = process.argv[2];
const lower = process.argv.includes('--lower');
if (!dir) {
  console.error('usage: node scripts/extract-sweep.mjs DIR [--lower]');
  process.exit(2);
}
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d).sort()) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const p = path.join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.ts$/.test(e) && !e.endsWith('.d.ts') && /from\s+['"]@temporalio\/workflow['"]/.test(readFileSync(p, 'utf8'))) files.push(p);
  }
};
walk(dir);
const counts = { files: files.length, extracted: 0, workflows: 0, withErrors: 0, notWorkflow: 0, crashed: 0, lowered: 0, lowerInconclusive: 0, states: 0 };
const t0 = performance.now();
for (const f of files) {
  const rel = path.relative(dir, f);
  try {
    const r = extractWorkflows([f], { baseDir: dir });
    const wfs = r.files.flatMap((x) => x.workflows);
    const internal = wfs.flatMap((w) => w.diagnostics).filter((d) => d.code === 'WFV7000');
    const unlocated = r.errors.filter((e) => !(e.span.line >= 1 && e.span.column >= 1) || e.span.file === '<compiler>');
    if (internal.length > 0 || unlocated.length > 0) {
      counts.crashed++;
      console.log(`CRASH  ${rel}: ${[...internal, ...unlocated].map((d) => d.message).join('; ')}`);
      continue;
    }
    if (r.errors.length > 0) {
      counts.withErrors++;
      const e = r.errors[0];
      console.log(`ERRORS ${rel}: ${r.errors.length} located (first ${e.span.file}:${e.span.line}:${e.span.column} ${e.code} ${e.message.slice(0, 100)})`);
    }
    if (wfs.length === 0) {
      counts.notWorkflow++;
      const d = r.files[0]?.diagnostics[0];
      console.log(`NONE   ${rel}: ${d ? `${d.code} ${d.message}` : 'no workflow'}`);
      continue;
    }
    counts.extracted++;
    counts.workflows += wfs.length;
    const diags = wfs.flatMap((w) => w.diagnostics);
    let extra = '';
    if (lower) {
      for (const w of wfs) {
        try {
          const m = lowerToSystem(w);
          const x = explore(m.system, { bounds: { maxStates: 200000, timeoutMs: 20000 } });
          counts.lowered++;
          counts.states += x.stats.states;
          if (x.status !== 'complete') counts.lowerInconclusive++;
          extra += ` ${w.name}:${x.stats.states}${x.status === 'complete' ? '' : '+'}`;
        } catch (e) {
          if (e && e.code === 'WFV3201') {
            counts.lowerInconclusive++;
            extra += ` ${w.name}:bound`;
          } else {
            counts.crashed++;
            console.log(`CRASH  ${rel} (${w.name}, lowering): ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
          }
        }
      }
    }
    console.log(`OK     ${rel}: ${wfs.map((w) => w.name).join(', ')} (${diags.length} diagnostics: ${[...new Set(diags.map((d) => d.code))].join(' ')})${extra}`);
  } catch (e) {
    counts.crashed++;
    console.log(`CRASH  ${rel}: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
  }
}
console.log(JSON.stringify({ ...counts, ms: Math.round(performance.now() - t0) }));
process.exit(counts.crashed > 0 ? 1 : 0);
