/**
 * Runs the analyses `wfverify net` asked for and prints them (text or JSON), returning the exit
 * code: 1 when the net has a defect (reachable deadlock, unsafe place, dead or non-live
 * transition, unsound workflow net), else 3 when something is inconclusive, else 0.
 */
import { ExitCode, type RunBounds, describeBound, formatStats } from '../core/index.js';
import { type Examination, type NetReport, type PetriNet, type SoundnessReport, checkSoundness, examineNet, isDefect } from '../petri/index.js';
import { type InvariantReport, computeInvariants, renderInvariants } from './invariants.js';
import { boundsForNet } from './net-unbounded.js';
import { clearProgress, terminalProgress } from './progress.js';
import { renderTrace, traceJson } from './render-trace.js';
import type { NamedProperty } from './formulas/plan.js';
import { outcomesJson, renderOutcomes } from './formulas/render.js';
import { checkNetProperties } from './formulas/run.js';

export const NET_JSON_FORMAT_VERSION = 1;

export interface NetRunOptions {
  /** Temporal-logic / MCC properties to check (may be empty). */
  readonly properties: readonly NamedProperty[];
  /** Where the properties come from (for messages). */
  readonly propertiesFile: string;
  /** Report unsupported MCC properties as CANNOT_COMPUTE instead of failing. */
  readonly mcc: boolean;
  /** Print explanations and traces under property lines. */
  readonly explain: boolean;
  readonly soundness: boolean;
  readonly invariants: boolean;
  readonly format: 'text' | 'json';
  readonly bounds: Partial<RunBounds>;
}

export function runNet(net: PetriNet, file: string, examinations: ReadonlySet<Examination>, options: NetRunOptions): ExitCode {
  const effective = boundsForNet(net, options.bounds);
  if (effective.note) process.stderr.write(`note: ${effective.note}\n`);
  const o: NetRunOptions = { ...options, bounds: effective.bounds };
  const onProgress = terminalProgress(net.name);
  const invariants = o.invariants ? computeInvariants(net) : undefined;
  const report = examinations.size > 0 ? examineNet(net, examinations, { bounds: o.bounds, onProgress, placeBounds: invariants?.placeBounds }) : undefined;
  const soundness = o.soundness ? checkSoundness(net, { bounds: o.bounds, onProgress }) : undefined;
  const props = o.properties.length > 0 ? checkNetProperties(net, o.properties, { file: o.propertiesFile, bounds: o.bounds, onProgress, tolerateUnsupported: o.mcc }) : undefined;
  clearProgress();
  if (o.format === 'json') {
    const json = toJson(net, file, report, soundness, invariants) as Record<string, unknown>;
    if (props) json.properties = outcomesJson(props.system, props.outcomes);
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    let text = toText(net, report, soundness, invariants);
    if (props) text += `\n${renderOutcomes(props.system, props.outcomes, o.explain)}${props.exploration ? `\n${formatStats(props.exploration.stats)}` : ''}`;
    process.stdout.write(`${text}\n`);
  }
  const code = exitCode(examinations, report, soundness);
  if (!props || code === ExitCode.Violated) return code;
  // MCC answers are answers, not violations; a user's own property that is false is a violation.
  if (!o.mcc && props.outcomes.some((x) => x.answer === false)) return ExitCode.Violated;
  if (props.outcomes.some((x) => x.answer === undefined)) return ExitCode.Inconclusive;
  return code;
}

function exitCode(examinations: ReadonlySet<Examination>, report: NetReport | undefined, soundness: SoundnessReport | undefined): ExitCode {
  if (report?.answers.some(isDefect) || soundness?.sound === false) return ExitCode.Violated;
  const undecided =
    report?.answers.some((a) => a.answer === undefined) ||
    (examinations.has('StateSpace') && report?.stateSpace === undefined) ||
    (soundness !== undefined && soundness.sound === undefined);
  return undecided ? ExitCode.Inconclusive : ExitCode.Holds;
}

function mcc(b: boolean | undefined): string {
  return b === undefined ? 'CANNOT_COMPUTE' : b ? 'TRUE' : 'FALSE';
}

function toText(net: PetriNet, report: NetReport | undefined, soundness: SoundnessReport | undefined, inv: InvariantReport | undefined): string {
  const lines = [`net ${net.name}: ${net.places.length} places, ${net.transitions.length} transitions`];
  if (inv) lines.push(renderInvariants(net, inv));
  if (report) {
    const x = report.exploration;
    if (x.status === 'bounded' && x.bound) lines.push(`inconclusive: ${describeBound(x.bound, x.bounds)}`);
    const ss = report.stateSpace;
    if (ss) {
      lines.push(`STATE_SPACE STATES ${ss.states} TECHNIQUES EXPLICIT`, `STATE_SPACE TRANSITIONS ${ss.transitions} TECHNIQUES EXPLICIT`);
      lines.push(`STATE_SPACE MAX_TOKEN_IN_PLACE ${ss.maxTokenInPlace} TECHNIQUES EXPLICIT`, `STATE_SPACE MAX_TOKEN_PER_MARKING ${ss.maxTokenPerMarking} TECHNIQUES EXPLICIT`);
    } else if (x.status !== 'complete' && report.answers.length === 0) lines.push('STATE_SPACE CANNOT_COMPUTE');
    for (const a of report.answers) {
      lines.push(`FORMULA ${a.examination} ${mcc(a.answer)} TECHNIQUES EXPLICIT`, `  ${a.explanation}`);
      if (a.trace) lines.push(renderTrace(report.system, a.trace));
    }
    lines.push(formatStats(x.stats));
  }
  if (soundness) lines.push(renderSoundness(net, soundness));
  return lines.join('\n');
}

function renderSoundness(net: PetriNet, s: SoundnessReport): string {
  const head = s.sound === undefined ? `soundness: INCONCLUSIVE (${s.inconclusive})` : s.sound ? 'soundness: SOUND' : 'soundness: NOT SOUND';
  const lines = [head];
  if (s.shape.source !== undefined && s.shape.sink !== undefined) lines.push(`  ${s.shape.ok ? "workflow net" : "source and sink"}: source place ${net.places[s.shape.source].name}, sink place ${net.places[s.shape.sink].name}`);
  for (const f of s.failures) {
    lines.push(`  ${f.condition} violated: ${f.explanation}`);
    if (f.trace && s.system) lines.push(renderTrace(s.system, f.trace));
  }
  if (s.exploration) lines.push(`  ${formatStats(s.exploration.stats)}`);
  return lines.join('\n');
}

function toJson(net: PetriNet, file: string, report: NetReport | undefined, s: SoundnessReport | undefined, inv: InvariantReport | undefined): unknown {
  return {
    formatVersion: NET_JSON_FORMAT_VERSION,
    file,
    net: { id: net.id, name: net.name, places: net.places.length, transitions: net.transitions.length },
    invariants: inv?.json,
    exploration: report && { status: report.exploration.status, bound: report.exploration.bound, stats: report.exploration.stats },
    stateSpace: report?.stateSpace,
    answers: report?.answers.map((a) => ({
      examination: a.examination,
      answer: mcc(a.answer),
      explanation: a.explanation,
      trace: a.trace && traceJson(report.system, a.trace),
    })),
    soundness: s && {
      sound: s.sound === undefined ? null : s.sound,
      inconclusive: s.inconclusive,
      source: s.shape.source === undefined ? undefined : net.places[s.shape.source].id,
      sink: s.shape.sink === undefined ? undefined : net.places[s.shape.sink].id,
      failures: s.failures.map((f) => ({ condition: f.condition, explanation: f.explanation, trace: f.trace && s.system && traceJson(s.system, f.trace) })),
      stats: s.exploration?.stats,
    },
  };
}
