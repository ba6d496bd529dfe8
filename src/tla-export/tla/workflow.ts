/**
 * A workflow model as a TLA+ module (docs/export-tla.md): the same states and steps as
 * `lowerToSystem` (src/extract/lower/system.ts), so TLC's distinct states equal wfverify's
 * `states=`.
 *
 * - Variables: workflow-state.ts. `Init`: status running, main thread at its entry, the
 *   variables at their initial values (one initial state per value when unknown).
 * - One action per step (workflow-actions.ts, workflow-step.ts), each guarded by
 *   `status = "running"` and the scheduling rules of system.ts: a thread at a *running* location
 *   moves alone (the lowest such slot: `~Running_…` of the lower slots); otherwise, urgent joins
 *   first (the lowest slot with one enabled: `~Urgent_…` of the lower slots); otherwise any
 *   waiting thread's step and the environment (`~AnyRunning /\ NoUrgent`).
 * - `Next == Step \/ Terminated`, where `Terminated` stutters in terminal states, so TLC's
 *   deadlock check (on) reports exactly the running states with no step — wfverify's `deadlock`.
 * - `Spec == Init /\ [][Next]_vars /\ WF_vars(Step) /\ WF_vars(WorkflowStep)`: runs do not stop
 *   while a step is enabled (wfverify's runs are maximal), and the environment (signals,
 *   updates, cancellation) cannot starve the workflow (src/cli/check/fairness.ts).
 */
import type { Value, WorkflowIR } from '../../extract/index.js';
import { LOWER_DEFAULTS, compileWorkflow, runningLocations } from '../../extract/index.js';
import { evaluate, ANY } from './js-values.js';
import { type TlaExport, type TlaProperty, cfgText, moduleName, moduleText, monitorModule, writeProperties } from './module.js';
import { TLA_RESERVED, tlaComment, tlaIdentifier } from './names.js';
import { tlaValue, varValues } from './values.js';
import { planActions } from './workflow-actions.js';
import { workflowAtoms } from './workflow-atoms.js';
import { workflowVars } from './workflow-state.js';
import { stepText } from './workflow-step.js';

export interface TlaWorkflowOptions {
  readonly moduleName?: string;
  /** As `LowerOptions.maxCompensations`. Default 8. */
  readonly maxCompensations?: number;
  /** As `LowerOptions.maxAtomicPaths`. Default 4096. */
  readonly maxAtomicPaths?: number;
  /** The file named in the location of atom errors. Default `<property>`. */
  readonly propertyFile?: string;
}

/** lowerToSystem's defaults (LOWER_DEFAULTS), so the module is the model `wfverify check` explores. */
const DEFAULT_MAX_COMPENSATIONS = LOWER_DEFAULTS.maxCompensations;
const DEFAULT_MAX_ATOMIC_PATHS = LOWER_DEFAULTS.maxAtomicPaths;

const ENVIRONMENT = new Set(['signal', 'update', 'cancelRequested']);

/** Initial values of the variables, as in `lowerToSystem` (model.ts `initialStates`). */
function initialTuples(ir: WorkflowIR): Value[][] {
  const params = new Set(ir.handlers.flatMap((h) => h.params));
  const domains = ir.vars.map(varValues);
  let states: Value[][] = [domains.map((d) => d[0])];
  ir.vars.forEach((v, i) => {
    const next: Value[][] = [];
    for (const s of states) {
      const env = new Map<string, Value>(ir.vars.map((x, k) => [x.id, s[k]]));
      const value = evaluate(v.init, env);
      const hit = value === ANY ? undefined : domains[i].find((d) => Object.is(d, value));
      const choices = hit !== undefined ? [hit] : params.has(v.id) ? [domains[i][0]] : domains[i];
      for (const c of choices) next.push(s.map((x, k) => (k === i ? c : x)));
    }
    states = next;
  });
  return states;
}

function actionBaseName(label: string): string {
  const at = label.lastIndexOf(' @ ');
  const text = at < 0 ? label : label.slice(0, at);
  return text.length > 48 ? text.slice(0, 48) : text;
}

/** `\* workflow.ts:34 completed(lockFunds)` for a label `completed(lockFunds) @ workflow.ts:34`. */
function sourceComment(label: string): string {
  const at = label.lastIndexOf(' @ ');
  return tlaComment(at < 0 ? label : `${label.slice(at + 3)} ${label.slice(0, at)}`);
}

export function writeTlaWorkflow(ir: WorkflowIR, properties: readonly TlaProperty[], options: TlaWorkflowOptions = {}): TlaExport {
  const { graph: g } = compileWorkflow(ir, options.maxCompensations ?? DEFAULT_MAX_COMPENSATIONS);
  const name = moduleName(options.moduleName ?? ir.name);
  const used = new Set<string>([name, ...TLA_RESERVED]);
  const w = workflowVars(g, ir, used);
  const running = runningLocations(g);
  const plans = planActions(g, ir, options.maxAtomicPaths ?? DEFAULT_MAX_ATOMIC_PATHS);
  const actionNames = plans.map((p) => {
    const e = p.edges[0];
    return tlaIdentifier(`${actionBaseName(e.label)}${p.path !== null ? `_path${p.path}` : ''}_L${e.span.line}`, used);
  });
  const runningOp = g.slots.map((s, i) => (s.locations.some((l) => running[l] === 1) ? tlaIdentifier(`Running_${w.pc[i]}`, used) : null));
  const urgentByslot = g.slots.map((_, i) => plans.map((p, a) => ({ p, a })).filter(({ p }) => p.urgent && g.locations[p.from as number].slot === i));
  const urgentOp = urgentByslot.map((list, i) => (list.length > 0 ? tlaIdentifier(`Urgent_${w.pc[i]}`, used) : null));
  const preOp = plans.map((p, a) => (p.urgent ? tlaIdentifier(`Pre_${actionNames[a]}`, used) : null));
  const enabledOp = actionNames.map((n) => tlaIdentifier(`Enabled_${n}`, used));
  const deadlocked = 'Deadlocked';
  const atoms = workflowAtoms(g, ir, w, deadlocked, options.propertyFile ?? '<property>');
  const props = writeProperties(properties, atoms, used);

  const body: string[] = [];
  body.push(tlaComment(`Workflow ${ir.name} (${ir.span.file}:${ir.span.line}), written by wfverify: the model of \`wfverify check\`.`));
  body.push(tlaComment('TLC: java -cp tla2tools.jar tlc2.TLC -config <module>.cfg <module>.tla; distinct states = wfverify states=.'));
  body.push('EXTENDS Naturals, Integers, Sequences', '');
  body.push(...w.declarations, '');
  body.push(`vars == <<${w.all.join(', ')}>>`, '');
  body.push('TypeOK ==', ...w.typeOk.map((t) => `    /\\ ${t}`), '');

  // Init.
  const inits = initialTuples(ir);
  const fixed = [`${w.status} = "running"`, `${w.lastEvent} = ""`, `${w.leftover} = FALSE`, ...(w.cancel ? [`${w.cancel} = FALSE`] : []),
    ...g.slots.map((_, i) => `${w.pc[i]} = ${i === 0 ? g.locations[g.mainEntry].local + 1 : 0}`),
    ...w.patches.map((p) => `${p} = 0`), ...w.registered.map((r) => `${r} = FALSE`), ...w.lists.map((l) => `${l} = <<>>`), ...w.cursors.map((c) => `${c} = 0`)];
  body.push('Init ==', ...fixed.map((f) => `    /\\ ${f}`));
  if (inits.length === 1) {
    ir.vars.forEach((v, i) => body.push(`    /\\ ${w.vars[i]} = ${tlaValue(inits[0][i], v)}`));
  } else if (ir.vars.length > 0) {
    const t = tlaIdentifier('init', new Set(used));
    body.push(`    /\\ \\E ${t} \\in {${inits.map((s) => `<<${s.map((v, i) => tlaValue(v, ir.vars[i])).join(', ')}>>`).join(', ')}} :`);
    ir.vars.forEach((_, i) => body.push(`         /\\ ${w.vars[i]} = ${t}[${i + 1}]`));
  }
  body.push('');

  // Scheduling helpers.
  const pcSet = (slot: number, pred: (l: number) => boolean): number[] => g.slots[slot].locations.filter(pred).map((l) => g.locations[l].local + 1);
  runningOp.forEach((op, i) => {
    if (op) body.push(tlaComment(`thread slot ${i} is at a running location (it moves alone)`), `${op} == ${w.pc[i]} \\in {${pcSet(i, (l) => running[l] === 1).join(', ')}}`);
  });
  const anyRunning = runningOp.filter((o): o is string => o !== null);
  body.push(`AnyRunning == ${anyRunning.length === 0 ? 'FALSE' : anyRunning.join(' \\/ ')}`, '');
  const globals: ReadonlySet<string> = used;
  const cx = { g, ir, w, globals };
  const steps = plans.map((p) => stepText(cx, p.edges, '    '));
  plans.forEach((p, a) => {
    const op = preOp[a];
    if (op) body.push(tlaComment(`${actionNames[a]} is enabled (a join: urgent)`), `${op} ==`, `    /\\ ${w.pc[g.locations[p.from as number].slot]} = ${g.locations[p.from as number].local + 1}`, ...steps[a].enabled, '');
  });
  urgentOp.forEach((op, i) => {
    if (op) body.push(`${op} == ${urgentByslot[i].map(({ a }) => preOp[a]).join(' \\/ ')}`);
  });
  const urgent = urgentOp.filter((o): o is string => o !== null);
  body.push(`NoUrgent == ${urgent.length === 0 ? 'TRUE' : urgent.map((u) => `~${u}`).join(' /\\ ')}`, '');

  // Actions.
  const workflowSteps: string[] = [];
  const environmentSteps: string[] = [];
  plans.forEach((p, a) => {
    const guards: string[] = [`${w.status} = "running"`];
    if (p.from !== null) {
      const slot = g.locations[p.from].slot;
      guards.push(`${w.pc[slot]} = ${g.locations[p.from].local + 1}`);
      const lower = (ops: readonly (string | null)[]): string[] => ops.slice(0, slot).filter((o): o is string => o !== null).map((o) => `~${o}`);
      if (running[p.from] === 1) guards.push(...lower(runningOp));
      else if (p.urgent) guards.push('~AnyRunning', ...lower(urgentOp));
      else guards.push('~AnyRunning', 'NoUrgent');
    } else {
      guards.push('~AnyRunning', 'NoUrgent');
    }
    for (const e of p.edges) body.push(sourceComment(e.label));
    body.push(`${actionNames[a]} ==`, ...guards.map((x) => `    /\\ ${x}`), ...steps[a].action, '');
    body.push(tlaComment(`${actionNames[a]} can be taken (its guards; Deadlocked needs no ENABLED)`), `${enabledOp[a]} ==`, ...guards.map((x) => `    /\\ ${x}`), ...steps[a].enabled, '');
    const ev = p.edges[0].event;
    (ev !== null && ENVIRONMENT.has(ev.kind) ? environmentSteps : workflowSteps).push(actionNames[a]);
  });
  const disj = (xs: readonly string[]): string => (xs.length === 0 ? 'FALSE' : `\n${xs.map((x) => `    \\/ ${x}`).join('\n')}`);
  body.push(tlaComment('steps of the workflow itself (activities, timers, threads, ends)'), `WorkflowStep == ${disj(workflowSteps)}`, '');
  body.push(tlaComment('steps of the environment: signal and update deliveries, the cancellation request'), `EnvironmentStep == ${disj(environmentSteps)}`, '');
  body.push('Step == WorkflowStep \\/ EnvironmentStep', '');
  body.push(tlaComment('a finished workflow stutters (wfverify: terminal states have no successors and are not deadlocks)'));
  body.push(`Terminated == ${w.status} # "running" /\\ UNCHANGED vars`, '');
  body.push('Next == Step \\/ Terminated', '');
  body.push(tlaComment('runs are maximal, and the environment cannot starve the workflow (docs/specs.md, fairness)'));
  body.push('Fairness == WF_vars(Step) /\\ WF_vars(WorkflowStep)', '');
  body.push('Spec == Init /\\ [][Next]_vars /\\ Fairness', '');
  body.push(tlaComment('wfverify\'s deadlock: running, and no step can be taken (the same as ~(ENABLED Step), written without ENABLED for Apalache)'));
  body.push(`${deadlocked} == ${w.status} = "running" /\\ ~(${enabledOp.length === 0 ? 'FALSE' : enabledOp.join(' \\/ ')})`, '');
  const invariants = ['TypeOK'];
  if (g.lists.length > 0) {
    body.push(tlaComment('the compensation lists stay within the capacity of wfverify\'s model (a violation: wfverify\'s run is inconclusive)'));
    body.push(`BoundsOK == ${g.lists.map((l, i) => `Len(${w.lists[i]}) <= ${l.capacity}`).join(' /\\ ')}`, '');
    invariants.push('BoundsOK');
  }
  body.push(...props.lines);
  const notes = [...props.notes];
  return {
    moduleName: name,
    module: moduleText(name, body),
    cfg: cfgText({ constants: [], invariants: [...invariants, ...props.invariants], properties: props.temporal, checkDeadlock: true }),
    notes,
    monitors: monitorModule({ name, constants: [], weakFairness: ['Step', 'WorkflowStep'] }, props.monitored, used),
  };
}

