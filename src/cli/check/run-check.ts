/**
 * `wfverify check`: finds workflows and specs, extracts each workflow (type-checked, never run),
 * lowers it to a transition system, runs the built-in checks and the spec's properties, and
 * returns a {@link CheckReport}. Syntax and type errors come back as `errors` (exit 2); a spec
 * that names an unknown workflow or atom is an {@link InputError} with the spec's position.
 *
 * Honesty rules: a bound hit makes a property *inconclusive*; a property that holds on a model
 * from which the extractor had to leave behaviour out (diagnostics WFV3103, WFV3104, WFV3105) is
 * reported inconclusive too, naming the diagnostic — only violations survive such gaps, since
 * their counterexamples are behaviours of the model that the code also has.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Exploration, InputError, type RunBounds, type Trace, explore, replayTrace } from '../../core/index.js';
import {
  type Diagnostic, type ExtractedFile, type SourceSpan, type WorkflowIR, type WorkflowModel, ModelBoundError, displayPath, extractWorkflows, lowerToSystem,
} from '../../extract/index.js';
import { type Spec, type SpecBlock, parseSpec } from '../../logic/index.js';
import { checkSystemProperties } from '../formulas/run.js';
import { builtinChecks } from './builtins.js';
import { discover } from './discover.js';
import { PROGRESS, assumeFairness, fairBinding } from './fairness.js';
import { CHECK_REPORT_FORMAT_VERSION, type CheckReport, type CounterexampleStep, type PropertyResult, type WorkflowResult } from './report.js';

export interface CheckOptions {
  readonly paths: readonly string[];
  /** Paths in the report are relative to this directory. */
  readonly baseDir: string;
  readonly bounds: Partial<RunBounds>;
  readonly workflow?: string;
  readonly version: string;
}

export interface CheckRun {
  readonly report: CheckReport;
  /** Syntax and type errors, and explicitly named files that are not workflows: exit 2. */
  readonly errors: readonly Diagnostic[];
}

/** Diagnostics whose presence means the model may lack behaviour of the code (so do all errors). */
const INCOMPLETE_MODEL = new Set(['WFV3103', 'WFV3104', 'WFV3105', 'WFV7000']);

/** How runs that end are read: a workflow that ended (or is stuck) stays in its last state. */
const WORKFLOW_DEADLOCK_SEMANTICS = { ctl: 'stutter', ltl: 'stutter' } as const;

function readSpecs(files: readonly string[], baseDir: string): Spec[] {
  return files.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new InputError('WFV1001', `cannot read ${f}: ${(e as Error).message}`, { location: { file: f } });
    }
    return parseSpec(text, displayPath(f, baseDir));
  });
}

/** The workflow file a spec block names, resolved against the spec's directory. */
function blockFile(block: SpecBlock, specPath: string): string | undefined {
  return block.workflowFile === null ? undefined : path.resolve(path.dirname(specPath), block.workflowFile);
}

export function runCheck(o: CheckOptions): CheckRun {
  const t0 = performance.now();
  const found = discover(o.paths);
  const specs = readSpecs(found.specFiles, o.baseDir);
  const workflowFiles = new Set(found.workflowFiles);
  specs.forEach((spec, i) => {
    for (const b of spec.blocks) {
      const f = blockFile(b, found.specFiles[i]);
      if (f) workflowFiles.add(f);
    }
  });
  if (workflowFiles.size === 0) {
    throw new InputError('WFV3003', `no workflow files under ${o.paths.join(', ')} (a workflow file imports @temporalio/workflow or wfverify/workflow)`);
  }
  const explicit = new Set(o.paths.map((p) => path.resolve(p)));
  const extraction = extractWorkflows([...workflowFiles], { baseDir: o.baseDir, ...(o.workflow ? { workflow: o.workflow } : {}) });
  const errors: Diagnostic[] = [...extraction.errors];
  const fileDiagnostics: Diagnostic[] = [];
  for (const f of extraction.files) {
    for (const d of f.diagnostics) {
      const named = explicit.has(path.resolve(o.baseDir, f.file));
      if (d.severity === 'error' && (named || d.code === 'WFV3004')) errors.push(d);
      else fileDiagnostics.push({ ...d, severity: 'note' });
    }
  }
  if (errors.length > 0) return { report: emptyReport(o, fileDiagnostics, t0), errors };

  const workflows = extraction.files.flatMap((f: ExtractedFile) => f.workflows);
  const specBlocks = matchSpecs(specs, found.specFiles, workflows, o);
  const results = workflows.map((w) => checkWorkflow(w, specBlocks.get(w) ?? [], o));
  return {
    report: { formatVersion: CHECK_REPORT_FORMAT_VERSION, tool: { name: 'wfverify', version: o.version }, workflows: results, diagnostics: fileDiagnostics, ms: Math.round(performance.now() - t0) },
    errors: [],
  };
}

function emptyReport(o: CheckOptions, diagnostics: Diagnostic[], t0: number): CheckReport {
  return { formatVersion: CHECK_REPORT_FORMAT_VERSION, tool: { name: 'wfverify', version: o.version }, workflows: [], diagnostics, ms: Math.round(performance.now() - t0) };
}

/** Which spec blocks apply to which workflow; a block naming no extracted workflow is an error. */
function matchSpecs(specs: readonly Spec[], specPaths: readonly string[], workflows: readonly WorkflowIR[], o: CheckOptions): Map<WorkflowIR, { block: SpecBlock; spec: Spec }[]> {
  const byWorkflow = new Map<WorkflowIR, { block: SpecBlock; spec: Spec }[]>();
  specs.forEach((spec, i) => {
    for (const block of spec.blocks) {
      const file = blockFile(block, specPaths[i]);
      const shown = file ? displayPath(file, o.baseDir) : undefined;
      const matches = workflows.filter((w) => w.name === block.workflow && (shown === undefined || w.span.file === shown));
      if (matches.length === 0) {
        if (o.workflow !== undefined && o.workflow !== block.workflow) continue;
        throw new InputError('WFV2102', `spec names workflow ${block.workflow}${shown ? ` in ${shown}` : ''}, which was not found${shown ? '' : ' among the checked files (add `in "FILE"` or the file to the paths)'}`, {
          location: { file: block.span.file, line: block.span.line, column: block.span.column },
        });
      }
      if (matches.length > 1) {
        throw new InputError('WFV2102', `spec names workflow ${block.workflow}, which is defined in several files (${matches.map((m) => m.span.file).join(', ')}): add \`in "FILE"\``, {
          location: { file: block.span.file, line: block.span.line, column: block.span.column },
        });
      }
      const list = byWorkflow.get(matches[0]) ?? [];
      list.push({ block, spec });
      byWorkflow.set(matches[0], list);
    }
  });
  return byWorkflow;
}

function stepsOf(model: WorkflowModel, trace: Trace): CounterexampleStep[] {
  const states = replayTrace(model.system, trace);
  return trace.actions.map((a, i) => {
    const step = model.step(a);
    return { index: i + 1, label: step.label, span: step.span, state: model.system.formatState(states[i + 1], 0) };
  });
}

function where(d: Diagnostic): string {
  return `${d.code} at ${d.span.file}:${d.span.line}:${d.span.column}`;
}

/**
 * Checks one workflow; a model bound exceeded while exploring (WFV3201, e.g. a compensation
 * list longer than the model holds) makes every property of the workflow inconclusive.
 */
function checkWorkflow(ir: WorkflowIR, blocks: readonly { block: SpecBlock; spec: Spec }[], o: CheckOptions): WorkflowResult {
  try {
    return checkWorkflowModel(ir, blocks, o);
  } catch (e) {
    if (!(e instanceof ModelBoundError)) throw e;
    const names = ['deadlock-freedom', 'option-to-complete', 'proper-completion', 'no-dead-activity', ...blocks.flatMap((b) => b.block.properties.map((p) => p.name))];
    const at = e.location ? `${e.location.file}:${e.location.line}:${e.location.column}` : ir.span.file;
    return {
      workflow: ir.name,
      file: ir.span.file,
      span: ir.span,
      stats: { states: 0, transitions: 0, depth: 0, ms: 0 },
      diagnostics: [...ir.diagnostics],
      properties: names.map((name) => ({ name, formula: name, origin: 'builtin' as const, status: 'inconclusive' as const, message: `model bound hit at ${at}: ${e.message}` })),
    };
  }
}

function checkWorkflowModel(ir: WorkflowIR, blocks: readonly { block: SpecBlock; spec: Spec }[], o: CheckOptions): WorkflowResult {
  const model = lowerToSystem(ir);
  const x: Exploration = explore(model.system, { bounds: o.bounds, recordEdges: true });
  // Read after exploring: the lowering reports some gaps (values outside a domain) when a run hits them.
  const diagnostics = [...ir.diagnostics, ...model.diagnostics];
  const gap = diagnostics.find((d) => INCOMPLETE_MODEL.has(d.code) || d.severity === 'error');
  const results: PropertyResult[] = [];
  const complete = x.status === 'complete';
  const settle = (r: PropertyResult): PropertyResult =>
    r.status === 'holds' && gap ? { ...r, status: 'inconclusive', message: `holds on the model, but the model leaves behaviour of the code out (${where(gap)})` } : r;
  for (const b of complete ? builtinChecks(model, x) : []) {
    results.push(settle({
      name: b.name,
      formula: b.formula,
      origin: 'builtin',
      status: b.holds ? 'holds' : 'violated',
      ...(b.message ? { message: b.message } : {}),
      ...(b.trace ? { steps: stepsOf(model, b.trace) } : {}),
    }));
  }
  if (!complete) {
    for (const name of ['deadlock-freedom', 'option-to-complete', 'proper-completion', 'no-dead-activity'] as const) {
      results.push({ name, formula: name, origin: 'builtin', status: 'inconclusive', message: `${x.bound} bound hit after ${x.stats.states} states` });
    }
  }
  for (const { block, spec } of blocks) {
    const props = block.properties.map((p) => ({ id: p.name, formula: assumeFairness(p.formula) }));
    let outcomes;
    try {
      outcomes = checkSystemProperties(model.system, fairBinding(model), props, {
        file: spec.file, bounds: o.bounds, deadlockSemantics: WORKFLOW_DEADLOCK_SEMANTICS, tolerateUnsupported: true, ctlFairness: [PROGRESS], exploration: x,
      }).outcomes;
    } catch (e) {
      // Atoms are bound without knowing the spec file: put the error where the spec says it.
      if (e instanceof InputError && (!e.location?.line || e.location.file === '<property>')) {
        const location = e.location?.line ? { file: spec.file, line: e.location.line, column: e.location.column } : { file: block.span.file, line: block.span.line, column: block.span.column };
        throw new InputError(e.code, e.message, { location, ...(e.hint ? { hint: e.hint } : {}) });
      }
      throw e;
    }
    block.properties.forEach((p, i) => {
      const out = outcomes[i];
      const specSpan: SourceSpan = p.span;
      const base = { name: p.name, formula: p.text, origin: 'spec' as const, specSpan };
      if (out.technique === 'UNSUPPORTED') {
        results.push({ ...base, status: 'unsupported', message: out.explanation ?? 'not supported' });
      } else if (out.answer === undefined) {
        results.push({ ...base, status: 'inconclusive', message: out.explanation ?? 'inconclusive' });
      } else if (out.answer === true) {
        results.push(settle({ ...base, status: 'holds' }));
      } else {
        results.push({
          ...base,
          status: 'violated',
          message: out.trace ? (out.trace.loopStart !== undefined ? 'counterexample: a run that repeats forever' : 'counterexample') : 'no run satisfies it',
          ...(out.trace ? { steps: stepsOf(model, out.trace), ...(out.trace.loopStart !== undefined ? { loopStart: out.trace.loopStart } : {}) } : {}),
        });
      }
    });
  }
  return {
    workflow: ir.name,
    file: ir.span.file,
    span: ir.span,
    stats: { states: x.stats.states, transitions: x.stats.transitions, depth: x.stats.depth, ms: Math.round(x.stats.ms) },
    diagnostics,
    properties: results,
  };
}
