/**
 * `--format text`: the human report of `wfverify check`.
 *
 * ```
 * workflow transfer (src/transfer.ts:12)
 * states=57 transitions=80 depth=11 ms=4
 * src/transfer.ts:18:9: warning WFV3101: the value of 'amount' is abstracted
 *   ✔ holds        deadlock-freedom
 *   ✘ VIOLATED     fundsSettle: release or unlock never follows lockFunds
 *       formula: AG (completed(lockFunds) -> AF completed(release))  (transfer.wfspec:3:1)
 *       1. completed(lockFunds)  src/transfer.ts:14:5
 *            14 |     await lockFunds(amount);
 *               |     ^^^^^^^^^^^^^^^^^^^^^^^^
 *       -- loop starts here, repeats forever --
 *       2. timer fired  src/transfer.ts:20:5
 *
 * 1 workflow, 2 properties: 1 hold, 1 violated, 0 inconclusive, 0 unsupported
 * ```
 *
 * Contracts: pure (source text comes from `readSource`); file-level diagnostics first, then per
 * workflow a header, the stats line, its diagnostics (`file:line:col: severity CODE: message`,
 * unindented so editors' problem matchers find them) and one verdict line per property; the
 * summary line last; no trailing newline. Every verdict line has its plain word (`holds`,
 * `VIOLATED`, `inconclusive`, `unsupported`); the symbol before it is ✔ ✘ ? ! or, with
 * `symbols: 'ascii'`, + x ? !. Steps are shown for violations. `loopStart` is read like a core
 * `Trace`'s: the number of steps before the repeated cycle, so the cycle starts with
 * `steps[loopStart]`; `loopStart === steps.length` means the last state repeats (the run ended
 * or is stuck and stutters).
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { Diagnostic } from '../../extract/index.js';
import { codeFrame } from './code-frame.js';
import type { CheckReport, PropertyResult, PropertyStatus, WorkflowResult } from './report.js';

export interface TextRenderOptions {
  /** The text of a source file, for code frames; undefined (or absent) prints no frame. Called once per step: cache in it if reading is costly. */
  readonly readSource?: (file: string) => string | undefined;
  /** Verdict symbols (default 'unicode'). */
  readonly symbols?: 'unicode' | 'ascii';
  /** Absolute paths under this directory are shown relative to it. */
  readonly baseDir?: string;
}

const WORDS: Record<PropertyStatus, string> = { holds: 'holds', violated: 'VIOLATED', inconclusive: 'inconclusive', unsupported: 'unsupported' };
const SYMBOLS: Record<'unicode' | 'ascii', Record<PropertyStatus, string>> = {
  unicode: { holds: '✔', violated: '✘', inconclusive: '?', unsupported: '!' },
  ascii: { holds: '+', violated: 'x', inconclusive: '?', unsupported: '!' },
};
const WORD_WIDTH = 12;

/** Renders the whole report. */
export function renderText(report: CheckReport, options: TextRenderOptions = {}): string {
  const out: string[] = report.diagnostics.map((d) => diagnosticLine(d, options.baseDir));
  for (const w of report.workflows) {
    if (out.length > 0) out.push('');
    out.push(...workflowLines(w, options));
  }
  if (out.length > 0) out.push('');
  out.push(summaryLine(report));
  return out.join('\n');
}

/** `N workflows, M properties: H hold, V violated, I inconclusive, U unsupported`. */
export function summaryLine(report: CheckReport): string {
  const all = report.workflows.flatMap((w) => w.properties);
  const count = (s: PropertyStatus) => all.filter((p) => p.status === s).length;
  const n = report.workflows.length;
  return `${n} workflow${n === 1 ? '' : 's'}, ${all.length} propert${all.length === 1 ? 'y' : 'ies'}: `
    + `${count('holds')} hold, ${count('violated')} violated, ${count('inconclusive')} inconclusive, ${count('unsupported')} unsupported`;
}

/** `states=… transitions=… depth=… ms=…` (DESIGN.md, "Output conventions"). */
export function statsLine(stats: WorkflowResult['stats']): string {
  return `states=${stats.states} transitions=${stats.transitions} depth=${stats.depth} ms=${stats.ms}`;
}

/** `file:line:col: severity CODE: message`. */
export function diagnosticLine(d: Diagnostic, baseDir?: string): string {
  return `${displayPath(d.span.file, baseDir)}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}`;
}

/** `file` relative to `baseDir` (with '/') when it is an absolute path under it; otherwise unchanged. */
export function displayPath(file: string, baseDir?: string): string {
  if (baseDir === undefined || !isAbsolute(file)) return file;
  const rel = relative(baseDir, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}

function workflowLines(w: WorkflowResult, options: TextRenderOptions): string[] {
  const symbols = SYMBOLS[options.symbols ?? 'unicode'];
  const out = [`workflow ${w.workflow} (${displayPath(w.file, options.baseDir)}:${w.span.line})`, statsLine(w.stats)];
  out.push(...w.diagnostics.map((d) => diagnosticLine(d, options.baseDir)));
  for (const p of w.properties) {
    const head = `  ${symbols[p.status]} ${WORDS[p.status].padEnd(WORD_WIDTH)} ${p.name}`;
    out.push(p.message ? `${head}: ${p.message}` : head);
    if (p.status === 'violated') out.push(...violationLines(p, options).map((l) => `      ${l}`));
  }
  return out;
}

/**
 * The details of a violation, unindented: the formula (and where the spec writes it), the
 * numbered steps with their code frames and state, and the lasso's loop marker.
 */
export function violationLines(p: PropertyResult, options: Pick<TextRenderOptions, 'readSource' | 'baseDir'> = {}): string[] {
  const where = p.specSpan ? `  (${displayPath(p.specSpan.file, options.baseDir)}:${p.specSpan.line}:${p.specSpan.column})` : '';
  const out = [`formula: ${p.formula}${where}`];
  const steps = p.steps ?? [];
  steps.forEach((s, i) => {
    if (p.loopStart === i) out.push('-- loop starts here, repeats forever --');
    out.push(`${s.index}. ${s.label}  ${displayPath(s.span.file, options.baseDir)}:${s.span.line}:${s.span.column}`);
    const source = options.readSource?.(s.span.file);
    const frame = source === undefined ? undefined : codeFrame(source, s.span, { indent: '     ' });
    if (frame !== undefined) out.push(...frame.split('\n'));
    if (s.state !== undefined) out.push(`     state: ${s.state}`);
  });
  if (p.loopStart !== undefined && p.loopStart >= steps.length) out.push('-- the last state repeats forever (the run ended or is stuck) --');
  return out;
}
