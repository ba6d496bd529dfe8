/**
 * A P/T net as a TLA+ module: one variable per place (its tokens), one action per transition,
 * `Next` their disjunction, `Spec == Init /\ [][Next]_vars` (with `WF_vars(Next)` only when
 * `fairness` is asked for: without it TLC admits behaviours that stutter forever, so liveness
 * properties only hold under it — wfverify's runs never stutter while a transition is enabled).
 *
 * An action is enabled exactly as in `PetriSystem`: `p >= w` per input arc, `p < w` per
 * inhibitor arc, and `p + d <= cap` for a place with a capacity that the firing raises by d.
 * Distinct states of TLC = reachable markings = wfverify's `states=`.
 */
import { InputError } from '../../core/index.js';
import type { Atom } from '../../logic/index.js';
import { type PetriNet, indexByIdThenName, netEffect } from '../../petri/index.js';
import type { AtomTranslator, IntTerm } from './formula.js';
import { type TlaExport, type TlaProperty, cfgText, moduleName, moduleText, unchanged, monitorModule, writeProperties } from './module.js';
import { tlaComment, tlaIdentifier, tlaString } from './names.js';

export interface TlaNetOptions {
  readonly moduleName?: string;
  /** `CHECK_DEADLOCK` in the .cfg. Default false (a net's dead markings are often intended). */
  readonly checkDeadlock?: boolean;
  /** Add `WF_vars(Next)` to Spec. Default false. */
  readonly fairness?: boolean;
}

export function writeTlaNet(net: PetriNet, properties: readonly TlaProperty[], options: TlaNetOptions = {}): TlaExport {
  const name = moduleName(options.moduleName ?? net.name);
  const used = new Set<string>([name]);
  const placeVar = net.places.map((p) => tlaIdentifier(p.name, used));
  const action = net.transitions.map((t) => tlaIdentifier(t.name, used));
  const vars = placeVar.length > 0 ? placeVar : [tlaIdentifier('noPlaces', used)];
  const places = indexByIdThenName(net.places);
  const transitions = indexByIdThenName(net.transitions);
  const fail = (what: string, n: string, a?: Atom): never => {
    throw new InputError('WFV2002', `unknown ${what} '${n}' in net ${tlaString(net.name)}`, a?.span ? { location: { file: '<property>', line: a.span.start.line, column: a.span.start.column } } : {});
  };
  const place = (n: string, a?: Atom): number => places.get(n) ?? fail('place', n, a);
  const atoms: AtomTranslator = {
    atom: (a) => {
      throw new InputError('WFV2002', `unknown atom '${a.name}' for a P/T net`, { hint: 'net formulas use tokens(p, …) comparisons, fireable(t, …) and deadlock' });
    },
    integerAtom: (a): IntTerm => {
      if (a.args.length > 0) return atoms.atom(a) as never;
      return { text: placeVar[place(a.name, a)], undefinedWhen: [] };
    },
    tokens: (ps) => (ps.length === 1 ? placeVar[place(ps[0])] : `(${ps.map((p) => placeVar[place(p)]).join(' + ')})`),
    // Written as the transitions' guards rather than with ENABLED (which Apalache does not support).
    fireable: (ts) => `(${ts.map((t) => guard(transitions.get(t) ?? fail('transition', t))).join(' \\/ ')})`,
    deadlock: () => `~(${net.transitions.length === 0 ? 'FALSE' : net.transitions.map((_, ti) => guard(ti)).join(' \\/ ')})`,
  };
  /** The enabling condition of transition `ti`: input weights, inhibitor arcs, capacities. */
  function guardConjuncts(ti: number): string[] {
    const t = net.transitions[ti];
    const conj: string[] = [];
    for (const a of t.pre) conj.push(`${placeVar[a.place]} >= ${a.weight}`);
    for (const a of t.inhibitors) conj.push(`${placeVar[a.place]} < ${a.weight}`);
    for (const d of netEffect(net, ti)) {
      const cap = net.places[d.place].capacity;
      if (d.value > 0 && cap !== undefined) conj.push(`${placeVar[d.place]} + ${d.value} <= ${cap}`);
    }
    return conj;
  }
  function guard(ti: number): string {
    const c = guardConjuncts(ti);
    return c.length === 0 ? 'TRUE' : `(${c.join(' /\\ ')})`;
  }
  const props = writeProperties(properties, atoms, used);

  const body: string[] = [];
  body.push(tlaComment(`Petri net ${net.name} (id ${net.id}): ${net.places.length} places, ${net.transitions.length} transitions. Written by wfverify.`));
  body.push('EXTENDS Naturals', '');
  net.places.forEach((p, i) => {
    body.push(tlaComment(`place ${p.name}${p.name === p.id ? '' : ` (id ${p.id})`}${p.capacity !== undefined ? `, capacity ${p.capacity}` : ''}`));
    body.push('\\* @type: Int;', `VARIABLE ${placeVar[i]}`);
  });
  if (net.places.length === 0) body.push('\\* @type: Int;', `VARIABLE ${vars[0]}`);
  body.push('', `vars == <<${vars.join(', ')}>>`, '');
  body.push(`TypeOK == ${vars.map((v, i) => `${v} \\in ${net.places[i]?.capacity !== undefined ? `0..${net.places[i].capacity}` : 'Nat'}`).join(' /\\ ')}`, '');
  body.push(`Init == ${vars.map((v, i) => `${v} = ${net.places[i]?.initial ?? 0}`).join(' /\\ ')}`, '');
  net.transitions.forEach((t, ti) => {
    const conj = guardConjuncts(ti);
    const eff = netEffect(net, ti);
    for (const d of eff) conj.push(`${placeVar[d.place]}' = ${placeVar[d.place]} ${d.value > 0 ? '+' : '-'} ${Math.abs(d.value)}`);
    const rest = unchanged(vars, new Set(eff.map((d) => placeVar[d.place])));
    if (rest !== '') conj.push(rest);
    body.push(tlaComment(`transition ${t.name}${t.name === t.id ? '' : ` (id ${t.id})`}`));
    body.push(`${action[ti]} ==`, ...conj.map((c) => `    /\\ ${c}`), '');
  });
  body.push(`Next == ${action.length === 0 ? 'FALSE' : action.length === 1 ? action[0] : `\n${action.map((a) => `    \\/ ${a}`).join('\n')}`}`, '');
  body.push(`Spec == Init /\\ [][Next]_vars${options.fairness ? ' /\\ WF_vars(Next)' : ''}`, '');
  body.push(...props.lines);
  const notes = [...props.notes];
  if (props.temporal.length > 0 && !options.fairness) {
    notes.push('temporal properties are checked without fairness: TLC admits behaviours that stutter forever, so liveness may fail where wfverify (maximal runs) holds; export with fairness: true to match wfverify');
  }
  return {
    moduleName: name,
    module: moduleText(name, body),
    cfg: cfgText({ constants: [], invariants: ['TypeOK', ...props.invariants], properties: props.temporal, checkDeadlock: options.checkDeadlock ?? false }),
    notes,
    monitors: monitorModule({ name, constants: [], weakFairness: options.fairness ? ['Next'] : [] }, props.monitored, used),
  };
}
