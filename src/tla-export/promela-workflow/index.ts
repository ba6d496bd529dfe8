/**
 * Promela (SPIN) export of a workflow model: the same states and behaviours as the lowering's
 * transition system (src/extract/lower/system.ts), with the spec's LTL-expressible properties as
 * `ltl` blocks under wfverify's fairness assumption. docs/export-promela.md describes the encoding.
 *
 * Contract of {@link writePromelaWorkflow}:
 * - the globals are the packed state's fields (status, lastEvent, leftover, cancel, one pc per
 *   thread slot, one code per tracked variable, patches, registered handlers, compensation
 *   lists and cursors), initialised to the initial state; when the IR has several initial states
 *   (unknown initial values), the process picks one in its first step (one d_step per state)
 *   and the properties are read from position 1 (`[] (warmup == 1 -> φ)`);
 * - one process `workflow` runs one `do` loop; each option is one action of the lowering's action
 *   table, `:: d_step { en_k -> effects; lastEvent = e }`, where `en_k` includes run-to-completion
 *   and urgent joins; a terminal status stutters (`status != 0 -> skip`), and so does a stuck
 *   workflow unless compiled with `spin -DWF_DEADLOCK_ENDS` (then a stuck state is SPIN's
 *   invalid end state, and only a stuck state is);
 * - `properties[i]` belongs to `properties[i]` given: its `ltl` block name, or null with a note
 *   when the property has no LTL counterpart (see ltl.ts); every A-quantified property is
 *   written `([]<> fair_progress) -> φ` (src/cli/check/fairness.ts).
 * Throws an InputError (WFV2104) for an atom the workflow does not have.
 */
import { InputError } from '../../core/index.js';
import { LOWER_DEFAULTS, type ModelEvent, type WorkflowIR, compileWorkflow, runningLocations } from '../../extract/index.js';
import type { Formula } from '../../logic/index.js';
import { type StateNames, type WorkflowAction, buildActions } from './actions.js';
import { LtlWriter, nextDepth } from './atoms.js';
import { asLtl } from './ltl.js';
import { Names, comment } from './names.js';
import { ANY, Codec, type AbstractValue, evaluate, eventKey } from './values.js';

export interface WorkflowPromelaProperty {
  name: string;
  formula: Formula;
}

export interface WorkflowPromela {
  text: string;
  properties: { name: string; ltlName: string | null; note?: string }[];
}

/** The lowering's defaults, so the exported model is the one `wfverify check` explores. */
const MAX_COMPENSATIONS = LOWER_DEFAULTS.maxCompensations;
const MAX_ATOMIC_PATHS = LOWER_DEFAULTS.maxAtomicPaths;
const MESSAGE_OR_CANCEL = new Set(['signal', 'update', 'cancelRequested']);

const typeFor = (codes: number): string => (codes <= 256 ? 'byte' : codes <= 32768 ? 'short' : 'int');
/** A disjunction / conjunction, parenthesised unless it is one identifier. */
const join = (xs: readonly string[], op: string, empty: string): string =>
  xs.length === 0 ? empty : xs.length === 1 && /^\w+$/.test(xs[0]) ? xs[0] : `(${xs.join(` ${op} `)})`;
const or = (xs: readonly string[]): string => join(xs, '||', 'false');
const and = (xs: readonly string[]): string => join(xs, '&&', 'true');

export function writePromelaWorkflow(ir: WorkflowIR, properties: readonly WorkflowPromelaProperty[]): WorkflowPromela {
  const { graph: g } = compileWorkflow(ir, MAX_COMPENSATIONS);
  const codecs = ir.vars.map((v) => new Codec(v));
  const events = new Map<string, number>();
  for (const e of g.edges) if (e.event !== null && !events.has(eventKey(e.event))) events.set(eventKey(e.event), events.size + 1);
  const names = new Names();
  const fixed = {
    process: names.allocate('workflow', 'w'), status: names.allocate('status', 's'), lastEvent: names.allocate('lastEvent', 'e'),
    leftover: names.allocate('leftover', 'l'), cancel: names.allocate('cancel', 'c'),
    warmup: names.allocate('warmup', 'w'), quiet: names.allocate('quiet', 'q'), settled: names.allocate('settled', 's'),
    stuck: names.allocate('stuck', 's'), moves: names.allocate('wf_moves', 'w'), progress: names.allocate('fair_progress', 'f'),
  };
  const N: StateNames = {
    status: fixed.status, lastEvent: fixed.lastEvent, leftover: fixed.leftover, cancel: fixed.cancel,
    pc: g.slots.map((s) => names.allocate(s.kind === 'main' ? 'pc_main' : s.kind === 'handler' ? `pc_${s.title}` : `pc_branch${s.id}`, 'pc')),
    vars: codecs.map((c) => names.allocate(c.decl.name, 'v')),
    patches: g.patches.map((p) => names.allocate(`patch_${p}`, 'patch')),
    registered: g.handlers.map((h) => names.allocate(`reg_${h.kind}_${h.name}`, 'reg')),
    lists: g.lists.map((l) => ({ len: names.allocate(`len_${l.name}`, 'len'), entries: names.allocate(`list_${l.name}`, 'list'), capacity: l.capacity })),
    cursors: g.cursorLists.map((_, k) => names.allocate(`cursor${k}`, 'cursor')),
  };
  const actions = buildActions({ ir, graph: g, codecs, names: N, eventIndex: (e) => (e.event === null ? 0 : events.get(eventKey(e.event)) ?? 0), maxAtomicPaths: MAX_ATOMIC_PATHS });
  const initial = initialCodes(ir, codecs);

  // Properties: translate (pass 1 records which variables X needs and how far back).
  const depth = new Map<string, number>();
  const history = new Map<string, string[]>();
  const atomContext = (ref: (v: string, ago: number) => string) => ({ ir, graph: g, codecs, names: N, eventIndex: (k: string) => events.get(k) ?? 0, stuck: fixed.stuck, ref });
  const dry = new LtlWriter(atomContext((v, ago) => {
    depth.set(v, Math.max(depth.get(v) ?? 0, ago));
    return v;
  }));
  const forms = properties.map((p) => {
    const form = asLtl(p.formula);
    if ('note' in form) return form;
    try {
      dry.write(form.body, nextDepth(form.body));
      return form;
    } catch (e) {
      if (e instanceof InputError && e.code === 'WFV2004') return { note: e.message };
      throw e;
    }
  });
  for (const [v, d] of depth) if (d > 0) history.set(v, Array.from({ length: d }, (_, i) => names.allocate(`${v}_ago${i + 1}`, 'h')));
  // Several initial states: the process picks one in its first step, so the run proper starts
  // at position 1 and every property is evaluated one step late (as X is, by `warmup`).
  const shift = initial.length > 1 ? 1 : 0;
  const K = Math.max(0, ...forms.map((f) => ('body' in f ? nextDepth(f.body) : 0))) + shift;
  const writer = new LtlWriter(atomContext((v, ago) => (ago === 0 ? v : history.get(v)![ago - 1])));
  const out = properties.map((p, i) => {
    const f = forms[i];
    if ('note' in f) return { name: p.name, ltlName: null, note: f.note, text: '' };
    const k = nextDepth(f.body);
    let core = writer.write(f.body, k);
    if (k + shift > 0) core = `([] ((${fixed.warmup} == ${k + shift}) -> ${core}))`;
    // `[]<> progress` does not depend on where the run is read from: it stays outside.
    return { name: p.name, ltlName: names.allocate(p.name, 'ltl'), text: `(([] (<> ${fixed.progress})) -> ${core})` };
  });

  // Scheduling macros.
  const running = runningLocations(g);
  const macro = (prefix: string, k: number) => names.allocate(`${prefix}${k}`, prefix);
  const gName = actions.map((_, k) => macro('g_', k));
  const enName = actions.map((_, k) => macro('en_', k));
  const runLocs = g.slots.map((s) => s.locations.filter((l) => running[l] === 1));
  const runName = g.slots.map((s) => (runLocs[s.id].length > 0 ? macro('run_s', s.id) : null));
  const urgentOf = g.slots.map((s) => actions.map((a, k) => (a.urgent && a.from !== null && g.locations[a.from].slot === s.id ? k : -1)).filter((k) => k >= 0));
  const urgName = g.slots.map((s) => (urgentOf[s.id].length > 0 ? macro('urg_s', s.id) : null));
  const atRunning = (a: WorkflowAction) => a.from !== null && running[a.from] === 1;
  const eventOf = (a: WorkflowAction): ModelEvent | null => a.edges.find((e) => e.event !== null)?.event ?? null;
  const defs: string[] = [];
  g.slots.forEach((s) => {
    const r = runName[s.id];
    if (r !== null) defs.push(`#define ${r} (${runLocs[s.id].map((l) => `${N.pc[s.id]} == ${g.locations[l].local + 1}`).join(' || ')}) ${comment(`${s.title}: at a running location`)}`);
  });
  actions.forEach((a, k) => defs.push(`#define ${gName[k]} (${N.status} == 0 && ${a.guard}) ${comment(a.label)}`));
  g.slots.forEach((s) => {
    const u = urgName[s.id];
    if (u !== null) defs.push(`#define ${u} ${or(urgentOf[s.id].map((k) => gName[k]))} ${comment(`${s.title}: a join is enabled`)}`);
  });
  const runs = runName.filter((r): r is string => r !== null);
  const urgs = urgName.filter((u): u is string => u !== null);
  defs.push(`#define ${fixed.quiet} ${and(runs.map((r) => `!${r}`))} ${comment('every thread waits')}`);
  defs.push(`#define ${fixed.settled} ${and(urgs.map((u) => `!${u}`))} ${comment('no join is enabled')}`);
  actions.forEach((a, k) => {
    let extra: string[];
    if (atRunning(a)) {
      const slot = g.locations[a.from!].slot;
      extra = runName.slice(0, slot).filter((r): r is string => r !== null).map((r) => `!${r}`);
    } else if (a.urgent) {
      const slot = g.locations[a.from!].slot;
      extra = [fixed.quiet, ...urgName.slice(0, slot).filter((u): u is string => u !== null).map((u) => `!${u}`)];
    } else extra = [fixed.quiet, fixed.settled];
    defs.push(`#define ${enName[k]} ${and([gName[k], ...extra])}`);
  });
  const runEn = or(actions.map((a, k) => (atRunning(a) ? enName[k] : '')).filter((x) => x !== ''));
  const waiting = actions.map((a, k) => (atRunning(a) ? -1 : k)).filter((k) => k >= 0);
  const waitEn = or(waiting.map((k) => gName[k]));
  const waitWf = or(waiting.filter((k) => !MESSAGE_OR_CANCEL.has(eventOf(actions[k])?.kind ?? '')).map((k) => gName[k]));
  defs.push(`#define ${fixed.stuck} (${N.status} == 0 && !${runEn} && !(${fixed.quiet} && ${waitEn})) ${comment('the workflow runs and nothing can move (deadlock)')}`);
  defs.push(`#define ${fixed.moves} (${runEn} || (${fixed.quiet} && ${waitWf})) ${comment('a workflow step (not a message or the cancellation request) can be taken')}`);
  const messages = ir.handlers.filter((h) => h.kind !== 'query').map((h) => events.get(`${h.kind}(${h.name})`) ?? 0).filter((k) => k > 0);
  defs.push(`#define ${fixed.progress} (${messages.length === 0 ? 'true' : `!${or(messages.map((m) => `${N.lastEvent} == ${m}`))} || !${fixed.moves}`}) ${comment('fairness: the last event was no message, or no workflow step is enabled')}`);

  // The text.
  const L: string[] = [];
  L.push(comment(`Workflow ${ir.name} (${ir.span.file}:${ir.span.line}). Written by wfverify.`));
  L.push('/*');
  L.push(' * The lowering\'s transition system (docs/workflow-model.md): one d_step option per action, with');
  L.push(' * run-to-completion and urgent joins in the en_* guards; ended and stuck runs stutter.');
  L.push(' * Status: 0 running, 1 completed, 2 failed, 3 cancelled, 4 continuedAsNew, 5 taskFailed. lastEvent: 0 none,');
  for (const [key, k] of events) L.push(` *   ${k} ${key}`);
  L.push(' * Deadlock check: spin -DWF_DEADLOCK_ENDS -a model.pml && gcc -DNOCLAIM -o pan pan.c && ./pan (invalid end states)');
  L.push(' * Properties: spin -a model.pml && gcc -O2 -DNOREDUCE -o pan pan.c && ./pan -a -m1000000 -N <ltl name>');
  L.push(' */');
  const first = initial[0];
  const decl = (type: string, name: string, init: number | string, what: string) => L.push(`${type} ${name} = ${init}; ${comment(what)}`);
  decl('byte', N.status, 0, 'workflow status');
  decl(typeFor(events.size + 1), N.lastEvent, 0, 'event of the step into this state');
  decl('bit', N.leftover, 0, 'an abandoned branch had not finished');
  decl('bit', N.cancel, 0, 'cancellation requested');
  g.slots.forEach((s, i) => decl('byte', N.pc[i], i === 0 ? g.locations[g.mainEntry].local + 1 : 0, `${s.kind} ${s.title}: 0 inactive, else location + 1 (${s.locations.map((l) => `${g.locations[l].local + 1} ${g.locations[l].what}`).join(', ')})`));
  codecs.forEach((c, i) => decl(typeFor(c.size), N.vars[i], first[i], `${c.decl.name}: codes ${Array.from({ length: c.size }, (_, k) => `${k}=${c.format(k)}`).join(' ')}`));
  g.patches.forEach((p, i) => decl('byte', N.patches[i], 0, `patch ${p}: 0 unset, 1 true, 2 false`));
  g.handlers.forEach((h, i) => decl('bit', N.registered[i], 0, `${h.kind} ${h.name} registered`));
  g.lists.forEach((l, i) => {
    decl('byte', N.lists[i].len, 0, `length of compensation list ${l.name}`);
    L.push(`byte ${N.lists[i].entries}[${Math.max(1, l.capacity)}]; ${comment(`entries of ${l.name}: push sites ${l.pushes.map((p, k) => `${k + 1}=${p}`).join(' ')}`)}`);
  });
  g.cursorLists.forEach((l, k) => decl('byte', N.cursors[k], 0, `compensation cursor over ${g.lists[l].name}`));
  for (const [v, hs] of history) hs.forEach((h, i) => L.push(`${v === N.lastEvent ? typeFor(events.size + 1) : 'short'} ${h}; ${comment(`${v} ${i + 1} step(s) ago`)}`));
  if (K > 0) decl('byte', fixed.warmup, 0, `steps taken, up to ${K + 1}`);
  L.push('');
  L.push(...defs);
  L.push('');
  const remember: string[] = [];
  for (const [v, hs] of history) for (let i = hs.length; i >= 1; i--) remember.push(`${hs[i - 1]} = ${i === 1 ? v : hs[i - 2]}`);
  if (K > 0) remember.push(`${fixed.warmup} = (${fixed.warmup} <= ${K} -> ${fixed.warmup} + 1 : ${fixed.warmup})`);
  const body = (xs: readonly string[]) => (xs.length === 0 ? 'skip' : xs.join('; '));
  L.push(`active proctype ${fixed.process}() {`);
  if (initial.length > 1) {
    L.push('  if');
    initial.forEach((s) => L.push(`  :: d_step { ${body([...codecs.map((_, i) => `${N.vars[i]} = ${s[i]}`), `${fixed.warmup} = 1`])} }`));
    L.push('  fi;');
  }
  L.push('  do');
  actions.forEach((a, k) => {
    const span = a.edges[0].span;
    L.push(`  :: d_step { ${enName[k]} -> ${body([...remember, ...a.effects, `${N.lastEvent} = ${a.event}`])} } ${comment(`${a.label} (line ${span.line})`)}`);
  });
  L.push(`  :: d_step { ${N.status} != 0 -> ${body(remember)} } ${comment('the workflow has ended: its last state repeats')}`);
  L.push('#ifndef WF_DEADLOCK_ENDS');
  L.push(`  :: d_step { ${fixed.stuck} -> ${body(remember)} } ${comment('stuck: the state repeats (wfverify\'s stutter reading)')}`);
  L.push('#endif');
  L.push('  od');
  L.push('}');
  L.push('');
  for (const p of out) {
    if (p.ltlName === null) L.push(comment(`property ${p.name}: not written: ${p.note}`));
    else L.push(`ltl ${p.ltlName} { ${p.text} } ${comment(`property ${p.name}`)}`);
  }
  return {
    text: `${L.join('\n')}\n`,
    properties: out.map((p) => (p.ltlName === null ? { name: p.name, ltlName: null, note: p.note } : { name: p.name, ltlName: p.ltlName })),
  };
}

/**
 * The initial codes of the variables (as the lowering's `initialStates`): inits evaluated in
 * declaration order; an unknown init, or one outside the domain, gives one state per code,
 * except handler parameters, which start at code 0.
 */
function initialCodes(ir: WorkflowIR, codecs: readonly Codec[]): number[][] {
  const index = new Map(ir.vars.map((v, i) => [v.id, i]));
  const params = new Set(ir.handlers.flatMap((h) => h.params));
  let states: number[][] = [[]];
  ir.vars.forEach((v, i) => {
    const next: number[][] = [];
    for (const s of states) {
      const read = (id: string): AbstractValue => {
        const j = index.get(id);
        return j === undefined || j >= s.length ? (j === undefined ? ANY : codecs[j].decode(0)) : codecs[j].decode(s[j]);
      };
      const value = evaluate(v.init, read);
      const code = value === ANY ? -1 : codecs[i].encode(value);
      const codes = code >= 0 ? [code] : params.has(v.id) ? [0] : Array.from({ length: codecs[i].size }, (_, k) => k);
      for (const k of codes) next.push([...s, k]);
    }
    states = next;
  });
  return states;
}
