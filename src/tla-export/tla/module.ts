/**
 * Assembly of a TLA+ module and its TLC configuration from parts, shared by the net and the
 * workflow writers. The module is `---- MODULE name ----` … `====`; the .cfg uses
 * `SPECIFICATION Spec` (never INIT/NEXT, ALGORITHMS.md §6.2), then CONSTANTS (model values),
 * INVARIANTS, PROPERTIES and CHECK_DEADLOCK.
 */
import type { AtomTranslator } from './formula.js';
import { planProperty } from './formula.js';
import { type MonitoredProperty, planMonitored, universal } from './monitor.js';
import { tlaComment, tlaIdentifier } from './names.js';
import type { Formula } from '../../logic/index.js';

export interface TlaProperty {
  readonly name: string;
  readonly formula: Formula;
}

export interface TlaExport {
  readonly moduleName: string;
  /** The .tla text (save it as `<moduleName>.tla`). */
  readonly module: string;
  /** The TLC .cfg text. */
  readonly cfg: string;
  /** Properties that could not be expressed, and other remarks for the user. */
  readonly notes: string[];
  /**
   * The properties that need history variables (until, next), in a second module that EXTENDS
   * this one (save as `<moduleName>.tla` with its cfg): run TLC on it for their verdicts. Its
   * state count is not the model's; the first module's is.
   */
  readonly monitors?: { readonly moduleName: string; readonly module: string; readonly cfg: string };
}

/** A property exported with history variables. */
export interface MonitoredEntry {
  readonly name: string;
  readonly plan: MonitoredProperty;
}

/** Properties placed in the module: definitions and the cfg names (notes for the others). */
export function writeProperties(
  properties: readonly TlaProperty[], atoms: AtomTranslator, used: Set<string>,
): { lines: string[]; invariants: string[]; temporal: string[]; notes: string[]; monitored: MonitoredEntry[] } {
  const lines: string[] = [];
  const invariants: string[] = [];
  const temporal: string[] = [];
  const notes: string[] = [];
  const monitored: MonitoredEntry[] = [];
  for (const p of properties) {
    let plan = planProperty(p.formula, atoms);
    if (plan.kind === 'note') {
      const rewritten = planProperty(universal(p.formula), atoms);
      if (rewritten.kind !== 'note') plan = rewritten;
    }
    const withHistory = plan.kind === 'note' ? planMonitored(p.formula, atoms, (hint) => tlaIdentifier(`${hint}_${p.name}`, used)) : undefined;
    if (withHistory && withHistory.history.length === 0) plan = { kind: 'property', body: withHistory.temporal.map((t) => `(${t})`).join(' /\\ ') };
    else if (withHistory) {
      monitored.push({ name: p.name, plan: withHistory });
      lines.push(tlaComment(`property ${p.name}: with history variables, in the monitor module`), '');
      continue;
    }
    if (plan.kind === 'note') {
      const note = `property ${p.name}: not exported (${plan.reason})`;
      notes.push(note);
      lines.push(tlaComment(note), '');
      continue;
    }
    const id = tlaIdentifier(p.name, used);
    lines.push(tlaComment(`property ${p.name} (${plan.kind === 'invariant' ? 'INVARIANT' : 'PROPERTY'})`));
    lines.push(`${id} == ${plan.body}`, '');
    (plan.kind === 'invariant' ? invariants : temporal).push(id);
  }
  return { lines, invariants, temporal, notes, monitored };
}

/** The module text: header, body lines, footer. */
export function moduleText(name: string, body: readonly string[]): string {
  const head = `---------------- MODULE ${name} ----------------`;
  return [head, ...body, '='.repeat(head.length), ''].join('\n');
}

/** The .cfg text. */
export function cfgText(options: {
  constants: readonly string[]; invariants: readonly string[]; properties: readonly string[]; checkDeadlock: boolean;
}): string {
  const out = ['SPECIFICATION Spec'];
  if (options.constants.length > 0) out.push('CONSTANTS', ...options.constants.map((c) => `    ${c} = ${c}`));
  if (options.invariants.length > 0) out.push('INVARIANTS', ...options.invariants.map((c) => `    ${c}`));
  if (options.properties.length > 0) out.push('PROPERTIES', ...options.properties.map((c) => `    ${c}`));
  out.push(`CHECK_DEADLOCK ${options.checkDeadlock ? 'TRUE' : 'FALSE'}`);
  return `${out.join('\n')}\n`;
}

/** `UNCHANGED <<a, b>>` for the variables not in `changed` (empty string when none). */
export function unchanged(all: readonly string[], changed: ReadonlySet<string>): string {
  const rest = all.filter((v) => !changed.has(v));
  return rest.length === 0 ? '' : `UNCHANGED <<${rest.join(', ')}>>`;
}

/** The module name for `name` (a TLA+ identifier; the .tla file must be called `<it>.tla`). */
export function moduleName(name: string): string {
  return tlaIdentifier(name, new Set());
}

/**
 * The module (and cfg) of the properties with history variables: it EXTENDS the model's module,
 * adds one boolean variable per history, and checks `MSpec` — `Init`/`Next` with the histories'
 * updates and the model's fairness. `undefined` when there are none.
 */
export function monitorModule(
  base: { readonly name: string; readonly constants: readonly string[]; readonly weakFairness: readonly string[] },
  monitored: readonly MonitoredEntry[], used: Set<string>,
): TlaExport['monitors'] {
  if (monitored.length === 0) return undefined;
  const name = tlaIdentifier(`${base.name}_MC`, used);
  const [mvars, minit, mnext, mspec, record] = ['mvars', 'MInit', 'MNext', 'MSpec', 'Record'].map((n) => tlaIdentifier(n, used));
  const history = monitored.flatMap((m) => m.plan.history);
  const body: string[] = [
    tlaComment(`Properties of ${base.name} that need history variables (docs/export-tla.md). The variables record`),
    tlaComment('the past and never constrain a step, so the behaviours are those of the model; TLC\'s state count'),
    tlaComment(`here is not the model's (${base.name}.tla has that).`),
    `EXTENDS ${base.name}`, '',
  ];
  for (const h of history) body.push(tlaComment(h.meaning), '\\* @type: Bool;', `VARIABLE ${h.name}`);
  body.push('', `${mvars} == <<vars, ${history.map((h) => h.name).join(', ')}>>`, '');
  body.push(`${minit} ==`, '    /\\ Init', ...history.map((h) => `    /\\ ${h.name} = ${h.init}`), '');
  body.push(tlaComment('every step records the past'), `${record} ==`, ...history.map((h) => `    /\\ ${h.name}' = (${h.next})`), '');
  body.push(`${mnext} == Next /\\ ${record}`, '');
  body.push(tlaComment('the model\'s weak fairness, on its actions with the recording'));
  body.push(`${mspec} == ${minit} /\\ [][${mnext}]_${mvars}${base.weakFairness.map((a) => ` /\\ WF_${mvars}(${a} /\\ ${record})`).join('')}`, '');
  const invariants: string[] = [];
  const properties: string[] = [];
  for (const m of monitored) {
    if (m.plan.invariant) {
      const id = tlaIdentifier(m.name, used);
      body.push(tlaComment(`property ${m.name} (INVARIANT, history variables)`), `${id} == ${m.plan.invariant}`, '');
      invariants.push(id);
    }
    m.plan.temporal.forEach((t, i) => {
      const id = tlaIdentifier(`${m.name}_${m.plan.invariant || i > 0 ? `part${i + 1}` : 'live'}`, used);
      body.push(tlaComment(`property ${m.name} (PROPERTY, ${m.plan.invariant ? 'with the invariant above' : 'a part'})`), `${id} == ${t}`, '');
      properties.push(id);
    });
  }
  const cfg = cfgText({ constants: base.constants, invariants, properties, checkDeadlock: false }).replace(/^SPECIFICATION Spec$/m, `SPECIFICATION ${mspec}`);
  return { moduleName: name, module: moduleText(name, body), cfg };
}
