/**
 * Promela (SPIN) export of a P/T net, with LTL properties as `ltl` blocks.
 *
 * The encoding, chosen so that SPIN's verdict on every exported LTL property equals wfverify's
 * under its default `'stutter'` deadlock semantics:
 *
 * - One global per place, initialised to its initial tokens. Its type is `byte`, `short` or `int`
 *   from a sound upper bound when one is given ({@link PromelaOptions.placeBounds}, else the
 *   place's capacity), otherwise `int`.
 * - One macro `en_<t>` per transition: its enabling condition, exactly as in `PetriSystem`
 *   (`m(p) >= w` for every input arc, `m(p) < w` for every inhibitor arc, `m(p) <= cap - d`
 *   for a place with a capacity that the firing increases by d). `deadlock` is `!en_a && !en_b …`.
 * - One process `net` whose body is one `do` loop. Each transition is one option
 *   `:: d_step { en_t -> effects }`, with the effect written as the net change of each place
 *   (post - pre). A `d_step` is a single indivisible step: the never claim never sees a
 *   half-fired transition, SPIN stores no intermediate state, and one firing is exactly one step
 *   of the run (which is what `X` counts). The process's control state stays at the loop head, so
 *   SPIN's stored states are exactly the reachable markings when no property uses `X`.
 * - Deadlocks stutter: a last option `:: d_step { deadlock -> skip }` is executable exactly when
 *   no transition is, and loops on the deadlocked marking forever. Every run is therefore infinite
 *   and a deadlocked marking repeats, which is wfverify's `'stutter'` semantics (a deadlocked
 *   state has a self-loop). The guard is explicit rather than `else`, because `else -> skip`
 *   would take two steps per stutter and break the step count that `X` relies on.
 * - `X`: the `spin` of Debian/Ubuntu (6.5.2) is built without `NXT` and rejects `X` in `ltl`
 *   blocks ("expected predicate, saw 'X'"). By default (`next: 'delay'`) the model keeps the last
 *   K values of every place an `X` needs (`p_ago1` … `p_agoK`, shifted by every step, firing or
 *   stutter) and a counter `warmup` that counts steps up to K + 1 (so `warmup == k` holds at
 *   position k of a run and nowhere else), and a property with at most k nested `X` is evaluated
 *   k steps late, where the past is known: an atom under j `X` reads the values of k - j steps
 *   ago, and the property is `[] (warmup == k -> φ')` with φ' free of `X` — φ' holds at position
 *   k exactly when φ holds at position 0. Exact, and the formula keeps its size: SPIN's LTL
 *   translator is exponential, and both writing `X` with an alternating bit and `U` and the
 *   wrapper `(warmup < k) U (warmup >= k && φ')` made it run for minutes on small formulas,
 *   while this form takes milliseconds. The state space grows with the remembered histories. `next: 'native'` writes `X ψ` for a SPIN built with `NXT`. Always verify with
 *   `-DNOREDUCE`: partial-order reduction is unsound for `X`.
 * - `a W b` is written `b V (a || b)`, `a R b` is `a V b`; a property `A φ` is `φ` and
 *   `invariant φ` is `[] φ`. `E φ` has no `ltl` counterpart (SPIN checks all paths; check `!φ`
 *   instead: `E φ` holds iff `!φ` is violated), nor have CTL and ATL: they are rejected (WFV2004).
 * - Atoms: `tokens(p, q)` is `(p + q)`, a bare name used as an integer is that place's tokens,
 *   `fireable(t, u)` is `(en_t || en_u)`, `deadlock` is the macro. Places and transitions are
 *   looked up by PNML id first, then by name, as wfverify's binding does.
 *
 * Identifiers are deterministic: a name is reduced to `[A-Za-z0-9_]` (accents dropped, other
 * runs of characters become `_`); a leading digit or `_` gets a prefix letter (`p` place,
 * `t` transition, `ltl` property); a Promela, LTL, C or SPIN-generated-code reserved word gets a
 * trailing `_`; a name taken already gets `_2`, `_3`, …. The original name is kept in a comment.
 *
 * Check a property with:
 * `spin -a model.pml && gcc -O2 -DNOREDUCE -o pan pan.c && ./pan -a -m1000000 -N <name>`;
 * "errors: 0" without "max search depth too small" means the property holds.
 */
import { InputError, assertNever } from '../core/index.js';
import type { Formula, IntExpr } from '../logic/index.js';
import { type PetriNet, indexByIdThenName, netEffect } from '../petri/index.js';

/** A property to write as an `ltl` block. */
export interface PromelaProperty {
  readonly name: string;
  readonly formula: Formula;
}

export interface PromelaOptions {
  /** Sound upper bounds of the places' tokens (e.g. `structuralPlaceBounds(net)`), to pick the variable types. */
  readonly placeBounds?: readonly (number | undefined)[];
  /** How `X` is written (see the module comment). Default `'delay'`. */
  readonly next?: 'delay' | 'native';
}

/** The Promela text and the identifiers chosen for the net's nodes and the properties. */
export interface PromelaModel {
  readonly text: string;
  /** The variable of each place, by place index. */
  readonly places: readonly string[];
  /** The enabling macro of each transition, by transition index. */
  readonly transitions: readonly string[];
  /** The `ltl` block name of each property (`./pan -a -N name`), in the order given. */
  readonly properties: readonly string[];
  /** How many past values of places the model remembers for `X` (0: none; see the module comment). */
  readonly delay: number;
}

/** Writes the net and the properties as a Promela model (see the module comment). */
export function writePromela(net: PetriNet, properties: readonly PromelaProperty[] = [], options: PromelaOptions = {}): string {
  return promelaModel(net, properties, options).text;
}

/** Words that may not be used as identifiers: Promela, SPIN's LTL syntax, C, and names SPIN's generated `pan.*` files define as macros. */
export const PROMELA_RESERVED: ReadonlySet<string> = new Set([
  // Promela keywords and predefined names (SPIN 6).
  'active', 'assert', 'atomic', 'bit', 'bool', 'break', 'byte', 'c_code', 'c_decl', 'c_expr', 'c_state', 'c_track',
  'chan', 'd_proctype', 'D_proctype', 'd_step', 'do', 'else', 'empty', 'enabled', 'eval', 'false', 'fi', 'for', 'full',
  'get_priority', 'goto', 'hidden', 'if', 'in', 'init', 'inline', 'int', 'len', 'local', 'ltl', 'mtype', 'nempty',
  'never', 'nfull', 'notrace', 'np_', 'od', 'of', 'pc_value', 'print', 'printf', 'printm', 'priority', 'proctype',
  'provided', 'return', 'run', 'select', 'set_priority', 'short', 'show', 'skip', 'timeout', 'trace', 'true',
  'typedef', 'unless', 'unsigned', 'xr', 'xs', 'accept', 'progress', 'end',
  // LTL operators and their spelled-out forms in `ltl` blocks.
  'X', 'U', 'V', 'W', 'always', 'eventually', 'until', 'weakuntil', 'stronguntil', 'release', 'next', 'implies',
  'equivalent',
  // C keywords (pan.c is C; globals become fields `now.<name>`) and macros predefined by gcc/glibc.
  'auto', 'case', 'char', 'const', 'continue', 'default', 'double', 'enum', 'extern', 'float', 'long', 'register',
  'restrict', 'signed', 'sizeof', 'static', 'struct', 'switch', 'union', 'void', 'volatile', 'while', 'inline',
  'unix', 'linux', 'i386', 'assert', 'errno', 'stdin', 'stdout', 'stderr', 'NULL', 'EOF', 'offsetof', 'now',
  // Lower-case macros of SPIN 6.5.2's pan.h/pan.c (upper-case ones below).
  'bfs_do_store', 'cas', 'enter_critical', 'final', 'get16bits', 'get_permuted', 'getframe', 'grab_state', 'iam_alive',
  'leave_critical', 'max', 'min', 'mix', 'onstack_now', 'onstack_put', 'onstack_zap', 'pptr', 'pthread_equal', 'q_sz',
  'qptr', 'rand', 'rot', 'uchar', 'uint', 'ulong', 'ushort', 'wasnew', 'maxseq0', 'maxseq1', 'maxseq2', 'maxseq3',
  'maxseq4', 'minseq0', 'minseq1', 'minseq2', 'minseq3', 'minseq4', 'Pnet', 'Pclaim', 'Pinit',
  'ACCEPT_LAB', 'ALL_P', 'ALPHA_F', 'ASYNC', 'AUTO_RESIZE', 'A_V', 'Addproc', 'Air0', 'Air1', 'Air2', 'Air3', 'Air4',
  'Air5', 'Air6', 'BACKWARD_MOVES', 'BAD', 'BASE', 'BFS', 'BITSTATE', 'BYTESIZE', 'B_FORCED', 'B_PHASE1', 'B_PHASE2',
  'CACHE_NR', 'CHECK', 'CHUNK', 'CNTRSTACK', 'CNT_P', 'COLLAPSE', 'CONSERVATIVE', 'CONTINUE', 'CONTINUE0', 'CS_ID',
  'CS_N', 'CS_NR', 'DEBUG', 'DELTA', 'FORWARD_MOVES', 'FREQ', 'FROM_P', 'FULLSTACK', 'GLOBAL', 'GLOBAL_LOCK',
  'GN_FRAMES', 'GQ_RD', 'GQ_WR', 'G_int', 'G_long', 'HASH', 'HAS_CODE', 'HAS_LAST', 'HAS_LTL', 'HAS_NP', 'HAS_TRACK',
  'HC', 'HC4', 'INI_P', 'INLINE_REV', 'INRANGE', 'IfNotBlocked', 'Index', 'LC', 'LN_FRAMES', 'LOCAL', 'LONG_T',
  'L_BOUND', 'MA', 'MAXPROC', 'MAXQ', 'MAX_DSK_FILE', 'MEMLIM', 'MERGED', 'MORE_P', 'Max', 'NCLAIMS', 'NCORE',
  'NDONE_P', 'NFAIR', 'NOCOMP', 'NOFAIR', 'NOREDUCE', 'NOT_AGAIN', 'NO_LAST', 'NQS', 'NRUNS', 'NR_QS', 'NTRANS',
  'NXT', 'OFFT', 'ONESECOND', 'ONE_L', 'Offsetof', 'PAN_H', 'PERMUTED', 'PMAX', 'PROG_LAB', 'PUTPID', 'P_REVERSE',
  'P__Q', 'PanSource', 'QLOCK', 'QMAX', 'QUERY', 'QUERY_F', 'QUIT', 'Q_EMPT_F', 'Q_EMPT_T', 'Q_FULL_F', 'Q_FULL_T',
  'Q_PROVISO', 'RANDSTOR', 'RFLAGS', 'RWFLAGS', 'SAFETY', 'SEP_HEAP', 'SEP_STATE', 'SHORT_T', 'STORE_CTX', 'SYNC',
  'S_A', 'S_IREAD', 'S_IWRITE', 'SpinVersion', 'StackSize', 'TIMEOUT_F', 'TRANSITIONS', 'TRY_AGAIN', 'TWIDTH',
  'T_FREE', 'T_HC', 'T_ID', 'T_RAND', 'T_ROW', 'T_ROW_MASK', 'T_ROW_SIZE', 'T_STAT', 'T_VSZ', 'TargetQ_Full',
  'TargetQ_NotFull', 'UPTO_P', 'USE_TDH', 'UnBlock', 'VECTORSZ', 'VERI', 'VMAX', 'VVERBOSE', 'V_A', 'V_PROVISO',
  'WAIT_MAX', 'WFLAGS', 'WS', 'W_XPT', 'XUSAFE', 'VERBOSE', 'NOBOUNDCHECK', 'NOVSZ', 'BCS', 'MEMCNT', 'NOCLAIM',
  'NP', 'REACH', 'SPACE', 'TRIX', 'HINT',
]);

/** Names the model itself uses; reserved before any place, transition or property is named. */
const FIXED = { process: 'net', deadlock: 'deadlock', warmup: 'warmup' } as const;

/** Deterministic identifier allocation in one namespace (see the module comment). */
class Names {
  private readonly taken = new Set<string>(Object.values(FIXED));

  allocate(original: string, prefix: string): string {
    let base = original
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_]+/g, '_');
    if (base === '' || base === '_') base = prefix;
    else if (/^[0-9_]/.test(base)) base = prefix + (base.startsWith('_') ? '' : '_') + base;
    if (PROMELA_RESERVED.has(base)) base += '_';
    let name = base;
    for (let k = 2; this.taken.has(name) || PROMELA_RESERVED.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }
}

/** The smallest Promela integer type holding 0…bound. */
function typeFor(bound: number | undefined): 'byte' | 'short' | 'int' {
  if (bound === undefined) return 'int';
  if (bound <= 255) return 'byte';
  if (bound <= 32767) return 'short';
  return 'int';
}

/** Text of a comment that cannot end early. */
const comment = (s: string): string => `/* ${s.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ')} */`;
const quoted = (s: string): string => JSON.stringify(s);

/** Builds the Promela model and reports the identifiers it chose. */
export function promelaModel(net: PetriNet, properties: readonly PromelaProperty[] = [], options: PromelaOptions = {}): PromelaModel {
  const names = new Names();
  const placeVar = net.places.map((p) => names.allocate(p.name, 'p'));
  // The whole macro name is allocated, so a place called `en_x` and a transition `x` cannot clash.
  const enMacro = net.transitions.map((t) => names.allocate(`en_${t.name}`, 't'));
  const propNames = properties.map((p) => names.allocate(p.name, 'ltl'));
  const lookup = { places: indexByIdThenName(net.places), transitions: indexByIdThenName(net.transitions) };
  const delayed = (options.next ?? 'delay') === 'delay';

  // Pass 1 finds how far back each place must be remembered; pass 2 writes with the real names.
  const depth = net.places.map(() => 0);
  const dry = new LtlWriter(net, lookup, delayed, (p, ago) => {
    depth[p] = Math.max(depth[p], ago);
    return placeVar[p];
  }, enMacro);
  properties.forEach((p) => dry.property(p));
  const history = depth.map((d, p) => Array.from({ length: d }, (_, i) => names.allocate(`${placeVar[p]}_ago${i + 1}`, 'p')));
  const K = Math.max(0, ...depth, ...properties.map((p) => (delayed ? nextDepth(p.formula) : 0)));
  const writer = new LtlWriter(net, lookup, delayed, (p, ago) => (ago === 0 ? placeVar[p] : history[p][ago - 1]), enMacro);
  const ltlBodies = properties.map((p) => writer.property(p));

  const lines: string[] = [];
  lines.push(comment(`Petri net ${quoted(net.name)} (id ${quoted(net.id)}): ${net.places.length} places, ${net.transitions.length} transitions. Written by wfverify.`));
  lines.push('/*');
  lines.push(' * One global per place; one d_step option per transition (a firing is one indivisible step);');
  lines.push(' * when no transition is enabled the model stutters on the deadlocked marking forever');
  lines.push(" * (wfverify's default 'stutter' deadlock semantics for LTL).");
  if (K > 0) {
    lines.push(` * X is written by delay: <place>_ago<i> is the place's value i steps ago, \`${FIXED.warmup}\` counts steps up to ${K + 1};`);
    lines.push(' * a property with k nested X is evaluated k steps late, where warmup == k.');
  }
  lines.push(' * Verify with: spin -a model.pml && gcc -O2 -DNOREDUCE -o pan pan.c && ./pan -a -m1000000 -N <ltl name>');
  lines.push(' */');
  lines.push('');
  net.places.forEach((p, i) => {
    const bound = options.placeBounds?.[i] ?? p.capacity;
    const type = typeFor(bound === undefined ? undefined : Math.max(bound, p.initial, p.capacity ?? 0));
    const what = p.name === p.id ? `place ${quoted(p.name)}` : `place ${quoted(p.name)} (id ${quoted(p.id)})`;
    const extra = bound !== undefined ? `, at most ${bound} tokens` : '';
    lines.push(`${type} ${placeVar[i]} = ${p.initial}; ${comment(what + extra)}`);
    history[i].forEach((h, ago) => lines.push(`${type} ${h} = ${p.initial}; ${comment(`${placeVar[i]} ${ago + 1} step${ago > 0 ? 's' : ''} ago`)}`));
  });
  if (K > 0) lines.push(`byte ${FIXED.warmup} = 0; ${comment(`steps taken, up to ${K + 1}`)}`);
  lines.push('');
  net.transitions.forEach((t, ti) => {
    const what = t.name === t.id ? `transition ${quoted(t.name)}` : `transition ${quoted(t.name)} (id ${quoted(t.id)})`;
    lines.push(`#define ${enMacro[ti]} (${guardOf(net, ti, (p) => placeVar[p])}) ${comment(what)}`);
  });
  lines.push(`#define ${FIXED.deadlock} (${deadlockOf(net, enMacro)}) ${comment('no transition is enabled')}`);
  lines.push('');
  // Every step remembers the marking before it (oldest first) and counts itself.
  const remember: string[] = [];
  history.forEach((hs, p) => {
    for (let ago = hs.length; ago >= 1; ago--) remember.push(`${hs[ago - 1]} = ${ago === 1 ? placeVar[p] : hs[ago - 2]}`);
  });
  if (K > 0) remember.push(`${FIXED.warmup} = (${FIXED.warmup} <= ${K} -> ${FIXED.warmup} + 1 : ${FIXED.warmup})`);
  lines.push(`active proctype ${FIXED.process}() {`);
  lines.push('  do');
  net.transitions.forEach((t, ti) => {
    const body = [...remember, ...effectsOf(net, ti, placeVar)];
    lines.push(`  :: d_step { ${enMacro[ti]} -> ${body.length === 0 ? 'skip' : body.join('; ')} } ${comment(t.name)}`);
  });
  lines.push(`  :: d_step { ${FIXED.deadlock} -> ${remember.length === 0 ? 'skip' : remember.join('; ')} } ${comment('deadlock: stutter forever')}`);
  lines.push('  od');
  lines.push('}');
  if (properties.length > 0) lines.push('');
  properties.forEach((p, i) => {
    lines.push(comment(`property ${quoted(p.name)}`));
    lines.push(`ltl ${propNames[i]} { ${ltlBodies[i]} }`);
  });
  return { text: `${lines.join('\n')}\n`, places: placeVar, transitions: enMacro, properties: propNames, delay: K };
}

function deadlockOf(net: PetriNet, enabled: readonly string[]): string {
  return net.transitions.length === 0 ? 'true' : enabled.map((m) => `!${m}`).join(' && ');
}

/** The enabling condition of transition `t`, as in `PetriSystem.isEnabled`. */
function guardOf(net: PetriNet, t: number, v: (place: number) => string): string {
  const tr = net.transitions[t];
  const parts: string[] = [];
  for (const a of tr.pre) parts.push(`${v(a.place)} >= ${a.weight}`);
  for (const a of tr.inhibitors) parts.push(`${v(a.place)} < ${a.weight}`);
  for (const { place: p, value: d } of netEffect(net, t)) {
    const cap = net.places[p].capacity;
    if (d > 0 && cap !== undefined) parts.push(`${v(p)} <= ${cap - d}`);
  }
  return parts.length === 0 ? 'true' : parts.join(' && ');
}

function effectsOf(net: PetriNet, t: number, v: readonly string[]): string[] {
  return netEffect(net, t).map(({ place: p, value: d }) => `${v[p]} = ${v[p]} ${d > 0 ? '+' : '-'} ${Math.abs(d)}`);
}

/** The largest number of `X` nested in `f` (its X-depth). */
function nextDepth(f: Formula): number {
  switch (f.kind) {
    case 'temporal':
      return (f.op === 'X' ? 1 : 0) + nextDepth(f.arg);
    case 'until':
    case 'implies':
    case 'iff':
      return Math.max(nextDepth(f.left), nextDepth(f.right));
    case 'and':
    case 'or':
      return Math.max(...f.args.map(nextDepth));
    case 'not':
      return nextDepth(f.arg);
    case 'path':
    case 'coalition':
    case 'invariant':
      return nextDepth(f.body);
    default:
      return 0;
  }
}

/**
 * Translates the LTL AST into SPIN's `ltl` syntax; every compound term is parenthesised. With
 * `delayed`, a property of X-depth k is evaluated k steps late: an atom under j `X` reads the
 * places as they were k - j steps ago (through `placeAt`), and `X` itself disappears.
 */
class LtlWriter {
  private current = '';
  /** X-depth of the property being written (delayed mode). */
  private lateBy = 0;

  constructor(
    private readonly net: PetriNet,
    private readonly lookup: { places: Map<string, number>; transitions: Map<string, number> },
    private readonly delayed: boolean,
    private readonly placeAt: (place: number, ago: number) => string,
    private readonly enMacro: readonly string[],
  ) {}

  property(p: PromelaProperty): string {
    this.current = p.name;
    let f = p.formula;
    if (f.kind === 'path') {
      if (f.quantifier === 'E') {
        throw this.unsupported(f, 'E φ has no SPIN ltl counterpart (SPIN checks every path); check !φ instead: E φ holds exactly when !φ is violated');
      }
      f = f.body;
    } else if (f.kind === 'invariant') {
      f = { kind: 'temporal', op: 'G', arg: f.body };
    }
    this.lateBy = this.delayed ? nextDepth(f) : 0;
    const body = this.formula(f, 0);
    if (this.lateBy === 0) return body;
    return `([] ((${FIXED.warmup} == ${this.lateBy}) -> ${body}))`;
  }

  /** `f` under `nexts` enclosing `X`. */
  private formula(f: Formula, nexts: number): string {
    switch (f.kind) {
      case 'bool':
        return f.value ? 'true' : 'false';
      case 'deadlock':
        return this.ago(nexts) === 0 ? FIXED.deadlock : `(${this.net.transitions.map((_, t) => `!(${this.guard(t, nexts)})`).join(' && ') || 'true'})`;
      case 'fireable': {
        const ts = f.transitions.map((t) => this.find(this.lookup.transitions, t, 'transition'));
        const ms = ts.map((t) => (this.ago(nexts) === 0 ? this.enMacro[t] : `(${this.guard(t, nexts)})`));
        return ms.length === 1 ? ms[0] : `(${ms.join(' || ')})`;
      }
      case 'atom':
        throw new InputError('WFV2002', `property ${this.current}: unknown atom '${f.name}${f.args.length ? `(${f.args.join(', ')})` : ''}' for a P/T net`, {
          hint: 'net formulas use tokens(p, …) comparisons, fireable(t, …) and deadlock',
        });
      case 'compare':
        return `(${this.int(f.left, nexts)} ${f.op} ${this.int(f.right, nexts)})`;
      case 'not':
        return `!(${this.formula(f.arg, nexts)})`;
      case 'and':
        return `(${f.args.map((a) => this.formula(a, nexts)).join(' && ')})`;
      case 'or':
        return `(${f.args.map((a) => this.formula(a, nexts)).join(' || ')})`;
      case 'implies':
        return `(${this.formula(f.left, nexts)} -> ${this.formula(f.right, nexts)})`;
      case 'iff':
        return `(${this.formula(f.left, nexts)} <-> ${this.formula(f.right, nexts)})`;
      case 'temporal': {
        if (f.op === 'X') return this.delayed ? this.formula(f.arg, nexts + 1) : `(X ${this.formula(f.arg, nexts)})`;
        const a = this.formula(f.arg, nexts);
        return f.op === 'F' ? `(<> ${a})` : `([] ${a})`;
      }
      case 'until': {
        const l = this.formula(f.left, nexts);
        const r = this.formula(f.right, nexts);
        if (f.op === 'U') return `(${l} U ${r})`;
        if (f.op === 'R') return `(${l} V ${r})`;
        return `(${r} V (${l} || ${r}))`;
      }
      case 'path':
      case 'coalition':
      case 'invariant':
        throw this.unsupported(f, `${f.kind === 'path' ? 'a path quantifier' : f.kind === 'invariant' ? "'invariant'" : 'an ATL coalition'} below the top of the formula is not LTL`);
      default:
        return assertNever(f, 'formula');
    }
  }

  /** How many steps ago an atom under `nexts` X is read. */
  private ago(nexts: number): number {
    return this.lateBy - nexts;
  }

  private guard(t: number, nexts: number): string {
    return guardOf(this.net, t, (p) => this.placeAt(p, this.ago(nexts)));
  }

  private int(e: IntExpr, nexts: number): string {
    switch (e.kind) {
      case 'int':
        return e.value < 0 ? `(${e.value})` : String(e.value);
      case 'tokens': {
        const vs = e.places.map((p) => this.placeAt(this.find(this.lookup.places, p, 'place'), this.ago(nexts)));
        return vs.length === 1 ? vs[0] : `(${vs.join(' + ')})`;
      }
      case 'atom':
        if (e.args.length > 0) {
          throw new InputError('WFV2002', `property ${this.current}: unknown integer atom '${e.name}(${e.args.join(', ')})' for a P/T net`);
        }
        return this.placeAt(this.find(this.lookup.places, e.name, 'place'), this.ago(nexts));
      case 'arith':
        return `(${e.args.map((a) => this.int(a, nexts)).join(` ${e.op} `)})`;
      default:
        return assertNever(e, 'integer expression');
    }
  }

  private find(index: Map<string, number>, name: string, what: string): number {
    const i = index.get(name);
    if (i === undefined) throw new InputError('WFV2002', `property ${this.current}: unknown ${what} '${name}' in net ${quoted(this.net.name)}`);
    return i;
  }

  private unsupported(f: Formula, why: string): InputError {
    const at = f.span ? ` (formula line ${f.span.start.line}, column ${f.span.start.column})` : '';
    return new InputError('WFV2004', `property ${this.current} cannot be written for SPIN: ${why}${at}`);
  }
}
