/**
 * Assembly of a TLA+ module and its TLC configuration from parts, shared by the net and the
 * workflow writers. The module is `---- MODULE name ----` … `====`; the .cfg uses
 * `SPECIFICATION Spec` (never INIT/NEXT, ALGORITHMS.md §6.2), then CONSTANTS (model values),
 * INVARIANTS, PROPERTIES and CHECK_DEADLOCK.
 */
import type { AtomTranslator } from './formula.js';
import { planProperty } from './formula.js';
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
}

/** Properties placed in the module: definitions and the cfg names (notes for the others). */
export function writeProperties(
  properties: readonly TlaProperty[], atoms: AtomTranslator, used: Set<string>,
): { lines: string[]; invariants: string[]; temporal: string[]; notes: string[] } {
  const lines: string[] = [];
  const invariants: string[] = [];
  const temporal: string[] = [];
  const notes: string[] = [];
  for (const p of properties) {
    const plan = planProperty(p.formula, atoms);
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
  return { lines, invariants, temporal, notes };
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
