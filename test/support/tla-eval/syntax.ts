/**
 * The TLA+ subset of wfverify's exports, read from the parse tree of the TLA+ project's
 * tree-sitter grammar (@tlaplus/tree-sitter-tlaplus) into a small expression tree, and the TLC
 * configuration file. A construct outside the subset is an error naming its node type and line:
 * the reference evaluator never guesses.
 */
import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';

export type Expr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'BOOLEAN' }
  | { readonly k: 'Nat' }
  | { readonly k: 'ref'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: 'prime'; readonly arg: Expr }
  | { readonly k: 'bin'; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'and' | 'or'; readonly args: readonly Expr[] }
  | { readonly k: 'not' | 'unchanged' | 'enabled' | 'always' | 'eventually'; readonly arg: Expr }
  | { readonly k: 'set' | 'tuple'; readonly elems: readonly Expr[] }
  | { readonly k: 'apply'; readonly f: Expr; readonly arg: Expr }
  | { readonly k: 'let'; readonly defs: ReadonlyMap<string, Definition>; readonly body: Expr }
  | { readonly k: 'exists' | 'forall'; readonly names: readonly string[]; readonly set: Expr; readonly body: Expr }
  | { readonly k: 'case'; readonly arms: readonly { readonly guard: Expr; readonly value: Expr }[]; readonly other?: Expr }
  | { readonly k: 'if'; readonly c: Expr; readonly t: Expr; readonly e: Expr }
  | { readonly k: 'stepOrStutter'; readonly action: Expr; readonly vars: Expr }
  | { readonly k: 'fair'; readonly strong: boolean; readonly vars: Expr; readonly action: Expr };

export interface Definition {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: Expr;
}

export interface TlaModule {
  readonly name: string;
  readonly extends: readonly string[];
  readonly variables: readonly string[];
  readonly constants: readonly string[];
  readonly defs: ReadonlyMap<string, Definition>;
}

export interface TlcConfig {
  readonly specification: string;
  /** `C = C`: the constant is a model value of that name. */
  readonly modelValues: readonly string[];
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
  readonly checkDeadlock: boolean;
}

let parser: Parser | undefined;

async function getParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const require = createRequire(import.meta.url);
  const lang = await Language.load(require.resolve('@tlaplus/tree-sitter-tlaplus/tree-sitter-tlaplus.wasm'));
  parser = new Parser();
  parser.setLanguage(lang);
  return parser;
}

function unsupported(n: Node): never {
  throw new Error(`tla-eval: unsupported ${n.type} at line ${n.startPosition.row + 1}: ${n.text.slice(0, 80)}`);
}

/** Named children without comments. */
function kids(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

const INFIX: Record<string, string> = {
  eq: '=', neq: '#', in: '\\in', notin: '\\notin', land: '/\\', lor: '\\/', implies: '=>', equiv: '<=>', iff: '<=>',
  geq: '>=', gt: '>', lt: '<', leq: '<=', plus: '+', minus: '-', circ: '\\o', cup: '\\cup', dots_2: '..', leads_to: '~>',
};

function expr(n: Node): Expr {
  const c = kids(n);
  switch (n.type) {
    case 'parentheses':
      return expr(c[0]);
    case 'nat_number':
      return { k: 'num', v: Number(n.text) };
    case 'string':
      return { k: 'str', v: JSON.parse(n.text) as string };
    case 'boolean':
      return { k: 'bool', v: n.text === 'TRUE' };
    case 'boolean_set':
      return { k: 'BOOLEAN' };
    case 'nat_number_set':
      return { k: 'Nat' };
    case 'identifier_ref':
      return n.text === 'Nat' ? { k: 'Nat' } : { k: 'ref', name: n.text, args: [] };
    case 'bound_op':
      return { k: 'ref', name: c[0].text, args: c.slice(1).map(expr) };
    case 'conj_list':
    case 'disj_list':
      return { k: n.type === 'conj_list' ? 'and' : 'or', args: c.map((item) => expr(kids(item).filter((x) => x.type !== 'bullet_conj' && x.type !== 'bullet_disj')[0])) };
    case 'bound_infix_op': {
      const op = INFIX[c[1].type] ?? unsupported(c[1]);
      const l = expr(c[0]);
      const r = expr(c[2]);
      if (op === '/\\') return { k: 'and', args: [l, r] };
      if (op === '\\/') return { k: 'or', args: [l, r] };
      return { k: 'bin', op, l, r };
    }
    case 'bound_prefix_op': {
      const arg = expr(c[1]);
      switch (c[0].type) {
        case 'lnot': return { k: 'not', arg };
        case 'unchanged': return { k: 'unchanged', arg };
        case 'enabled': return { k: 'enabled', arg };
        case 'always': return { k: 'always', arg };
        case 'eventually': return { k: 'eventually', arg };
        case 'negative': return { k: 'bin', op: '-', l: { k: 'num', v: 0 }, r: arg };
        default: return unsupported(c[0]);
      }
    }
    case 'bound_postfix_op':
      if (c[1].type !== 'prime') unsupported(c[1]);
      return { k: 'prime', arg: expr(c[0]) };
    case 'finite_set_literal':
      return { k: 'set', elems: c.map(expr) };
    case 'tuple_literal':
      return { k: 'tuple', elems: c.filter((x) => x.type !== 'langle_bracket' && x.type !== 'rangle_bracket').map(expr) };
    case 'function_evaluation':
      if (c.length !== 2) unsupported(n);
      return { k: 'apply', f: expr(c[0]), arg: expr(c[1]) };
    case 'let_in': {
      const defs = new Map<string, Definition>();
      for (const d of c.slice(0, -1)) {
        const def = definition(d);
        defs.set(def.name, def);
      }
      return { k: 'let', defs, body: expr(c[c.length - 1]) };
    }
    case 'bounded_quantification': {
      const q = c[0].type;
      if ((q !== 'exists' && q !== 'forall') || c.length !== 3) unsupported(n);
      const bound = kids(c[1]);
      const names = bound.filter((x) => x.type === 'identifier').map((x) => x.text);
      if (bound.length !== names.length + 2 || bound[names.length].type !== 'set_in') unsupported(c[1]);
      return { k: q, names, set: expr(bound[names.length + 1]), body: expr(c[2]) };
    }
    case 'case': {
      const arms: { guard: Expr; value: Expr }[] = [];
      let other: Expr | undefined;
      for (const a of c) {
        if (a.type === 'case_box') continue;
        const ak = kids(a).filter((x) => x.type !== 'case_arrow' && x.type !== 'other');
        if (a.type === 'case_arm') arms.push({ guard: expr(ak[0]), value: expr(ak[1]) });
        else if (a.type === 'other_arm') other = expr(ak[ak.length - 1]);
        else unsupported(a);
      }
      return { k: 'case', arms, other };
    }
    case 'if_then_else':
      return { k: 'if', c: expr(c[0]), t: expr(c[1]), e: expr(c[2]) };
    case 'step_expr_or_stutter':
      return { k: 'stepOrStutter', action: expr(c[0]), vars: expr(c[1]) };
    case 'fairness':
      return { k: 'fair', strong: n.text.startsWith('SF_'), vars: expr(c[0]), action: expr(c[1]) };
    default:
      return unsupported(n);
  }
}

function definition(n: Node): Definition {
  if (n.type !== 'operator_definition') unsupported(n);
  const c = kids(n);
  const eq = c.findIndex((x) => x.type === 'def_eq');
  if (eq < 1 || c.slice(1, eq).some((x) => x.type !== 'identifier')) unsupported(n);
  return { name: c[0].text, params: c.slice(1, eq).map((x) => x.text), body: expr(c[eq + 1]) };
}

/** Parses one module; throws on a syntax error or a construct outside the subset. */
export async function parseTlaModule(text: string): Promise<TlaModule> {
  const tree = (await getParser()).parse(text);
  if (!tree) throw new Error('tla-eval: no parse tree');
  try {
    if (tree.rootNode.hasError) throw new Error('tla-eval: the module has syntax errors');
    const mod = kids(tree.rootNode).find((x) => x.type === 'module') ?? unsupported(tree.rootNode);
    let name = '';
    const ext: string[] = [];
    const variables: string[] = [];
    const constants: string[] = [];
    const defs = new Map<string, Definition>();
    for (const u of kids(mod)) {
      switch (u.type) {
        case 'header_line':
        case 'double_line':
          break;
        case 'identifier':
          name = u.text;
          break;
        case 'extends':
          ext.push(...kids(u).map((x) => x.text));
          break;
        case 'variable_declaration':
          variables.push(...kids(u).map((x) => x.text));
          break;
        case 'constant_declaration':
          constants.push(...kids(u).map((x) => x.text));
          break;
        case 'operator_definition': {
          const d = definition(u);
          if (defs.has(d.name)) throw new Error(`tla-eval: ${d.name} defined twice`);
          defs.set(d.name, d);
          break;
        }
        default:
          unsupported(u);
      }
    }
    return { name, extends: ext, variables, constants, defs };
  } finally {
    tree.delete();
  }
}

/** Reads the TLC configuration keywords wfverify writes. */
export function parseTlcConfig(text: string): TlcConfig {
  let section = '';
  let specification = '';
  let checkDeadlock = true;
  const modelValues: string[] = [];
  const invariants: string[] = [];
  const properties: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\\\*.*$/, '').trim();
    if (!line) continue;
    const [head, ...rest] = line.split(/\s+/);
    if (/^[A-Z_]+$/.test(head) && !raw.startsWith(' ')) {
      section = head;
      if (head === 'SPECIFICATION') specification = rest[0];
      else if (head === 'CHECK_DEADLOCK') checkDeadlock = rest[0] === 'TRUE';
      else if (!['CONSTANTS', 'CONSTANT', 'INVARIANTS', 'INVARIANT', 'PROPERTIES', 'PROPERTY'].includes(head)) throw new Error(`tla-eval: unsupported cfg keyword ${head}`);
      if (rest.length === 0 || head === 'SPECIFICATION' || head === 'CHECK_DEADLOCK') continue;
    }
    const items = /^[A-Z_]+$/.test(head) && !raw.startsWith(' ') ? rest : [head, ...rest];
    if (section.startsWith('CONSTANT')) {
      const m = items.join(' ').match(/^(\w+)\s*=\s*(\w+)$/);
      if (!m || m[1] !== m[2]) throw new Error(`tla-eval: unsupported constant assignment ${items.join(' ')}`);
      modelValues.push(m[1]);
    } else if (section.startsWith('INVARIANT')) invariants.push(...items);
    else if (section.startsWith('PROPERT')) properties.push(...items);
  }
  return { specification, modelValues, invariants, properties, checkDeadlock };
}
