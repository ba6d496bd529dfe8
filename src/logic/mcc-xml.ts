/**
 * Reader of MCC property XML (`<property-set><property><id/><description/><formula>…`), as used by
 * the Model Checking Contest formula files and TAPAAL's `query.xml`.
 *
 * Contracts:
 * - The structure is kept as written: `<all-paths><globally>φ` becomes `path A (temporal G φ)`,
 *   `<until><before>φ<reach>ψ` becomes `φ U ψ`, n-ary `<conjunction>`/`<disjunction>`/
 *   `<integer-sum>`/`<integer-product>`/`<integer-difference>` stay n-ary. Normalisation: a
 *   single-operand conjunction, disjunction or arithmetic element stands for its operand.
 * - `<place>`/`<transition>` texts are PNML ids, kept as opaque strings (only surrounding
 *   whitespace is removed); ids are never interpreted, in particular `<id>` says nothing about
 *   the expected answer.
 * - `<place-bound>` (UpperBounds) is only allowed directly under `<formula>` and yields a
 *   {@link BoundQuery}.
 * - Every node gets a span in the XML file (1-based line/column, UTF-16 units).
 * - Unknown elements, misplaced elements, wrong operand counts, stray text and malformed XML are
 *   `InputError` WFV2003 located at the element's `<`.
 */
import { SaxesParser } from 'saxes';
import { InputError } from '../core/index.js';
import type { BoundQuery, CompareOp, Formula, IntExpr, Pos, Span } from './ast.js';

/** One property of a property set. */
export interface MccProperty {
  readonly id: string;
  readonly formula: Formula | BoundQuery;
}

/** Every element of MCC property XML this reader understands. */
export const MCC_ELEMENTS: readonly string[] = [
  'property-set', 'property', 'id', 'description', 'formula',
  'all-paths', 'exists-path', 'globally', 'finally', 'next', 'until', 'before', 'reach',
  'negation', 'conjunction', 'disjunction', 'true', 'false', 'deadlock', 'is-fireable', 'transition',
  'integer-le', 'integer-lt', 'integer-ge', 'integer-gt', 'integer-eq', 'integer-ne',
  'tokens-count', 'place', 'integer-constant', 'integer-sum', 'integer-difference', 'integer-product',
  'place-bound',
];
const KNOWN = new Set(MCC_ELEMENTS);
const COMPARE: Readonly<Record<string, CompareOp>> = {
  'integer-le': '<=', 'integer-lt': '<', 'integer-ge': '>=', 'integer-gt': '>', 'integer-eq': '==', 'integer-ne': '!=',
};
const ARITH = { 'integer-sum': '+', 'integer-difference': '-', 'integer-product': '*' } as const;

/** What a closed element contributes to its parent. */
type Built =
  | { readonly role: 'formula'; readonly node: Formula }
  | { readonly role: 'int'; readonly node: IntExpr }
  | { readonly role: 'bound'; readonly node: BoundQuery }
  | { readonly role: 'text'; readonly tag: string; readonly text: string }
  | { readonly role: 'operand'; readonly tag: 'before' | 'reach'; readonly node: Formula }
  | { readonly role: 'property'; readonly property: MccProperty }
  | { readonly role: 'none' };

interface Frame {
  readonly tag: string;
  readonly start: Pos;
  readonly kids: Built[];
  readonly kidTags: string[];
  text: string;
}

/** Parses one MCC property XML document. `file` is used in error locations. */
export function parseMccXml(xml: string, file = '<properties>'): MccProperty[] {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  const out: MccProperty[] = [];
  let skipDepth = 0; // > 0 inside <description>
  const fail = (at: Pos, message: string): never => {
    throw new InputError('WFV2003', message, { location: { file, line: at.line, column: at.column } });
  };
  // Line/column of string offsets, scanning forward once: events come in document order.
  let scanned = 0;
  let line = 1;
  let lineStart = 0;
  const posAt = (offset: number): Pos => {
    if (offset < scanned) { scanned = 0; line = 1; lineStart = 0; }
    for (; scanned < offset; scanned++) {
      const c = xml.charCodeAt(scanned);
      if (c === 10 || (c === 13 && xml.charCodeAt(scanned + 1) !== 10)) { line++; lineStart = scanned + 1; }
    }
    return { line, column: offset - lineStart + 1, offset };
  };
  const here = (): Pos => posAt(parser.position);

  parser.on('error', (err) => fail(here(), `malformed XML: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`));
  parser.on('opentagstart', (tag) => {
    const name = local(tag.name);
    // saxes reports this after reading the character behind the name; find the tag's `<`.
    const start = posAt(xml.lastIndexOf('<', parser.position - 1));
    if (skipDepth > 0) { skipDepth++; return; }
    if (!KNOWN.has(name)) fail(start, `expected an MCC property element but found <${tag.name}>`);
    const parent = stack[stack.length - 1];
    const misplaced = placementError(name, parent?.tag);
    if (misplaced !== undefined) fail(start, `${misplaced} but found <${tag.name}>`);
    parent?.kidTags.push(name);
    stack.push({ tag: name, start, kids: [], kidTags: [], text: '' });
    if (name === 'description') skipDepth = 1;
  });
  parser.on('text', (t) => {
    if (skipDepth === 0 && stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('cdata', (t) => {
    if (skipDepth === 0 && stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    if (skipDepth > 1) { skipDepth--; return; }
    skipDepth = 0;
    const frame = stack.pop()!;
    const built = build(frame, { start: frame.start, end: here() }, fail);
    if (built.role === 'property') out.push(built.property);
    stack[stack.length - 1]?.kids.push(built);
  });
  parser.write(xml).close();
  return out;
}

const STRUCTURE: Readonly<Record<string, string | undefined>> = {
  'property-set': undefined, property: 'property-set', id: 'property', description: 'property', formula: 'property',
};
const TEXT_ONLY = new Set(['id', 'place', 'transition', 'integer-constant']);

/** Why element `name` may not appear inside `parent` (undefined: it may). */
function placementError(name: string, parent: string | undefined): string | undefined {
  if (parent === undefined) return name === 'property-set' ? undefined : 'expected <property-set> as the root element';
  if (TEXT_ONLY.has(parent)) return `expected only text inside <${parent}>`;
  const wanted = parent === 'property-set' ? '<property>' : parent === 'property' ? '<id>, <description> or <formula>' : 'a formula element';
  const ok = name in STRUCTURE ? STRUCTURE[name] === parent : parent !== 'property-set' && parent !== 'property';
  if (!ok) return `expected ${wanted} inside <${parent}>`;
  if (name === 'place-bound' && parent !== 'formula') return 'expected <place-bound> only directly inside <formula>';
  return undefined;
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Turns a closed element into its contribution, checking operand counts and sorts. */
function build(f: Frame, span: Span, fail: (at: Pos, message: string) => never): Built {
  const tag = f.tag;
  const bad = (message: string): never => fail(f.start, message);
  const textOnly = TEXT_ONLY.has(tag);
  if (!textOnly && tag !== 'description' && f.text.trim() !== '') bad(`expected only elements inside <${tag}> but found text '${f.text.trim().slice(0, 40)}'`);
  const formulas = (min: number, max = Infinity): Formula[] => {
    if (f.kids.length < min || f.kids.length > max) {
      const want = max === min ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      bad(`expected ${want} operand(s) in <${tag}> but found ${f.kids.length}`);
    }
    return f.kids.map((k, i) => (k.role === 'formula' ? k.node : bad(`expected a formula in <${tag}> but found <${f.kidTags[i]}>`)));
  };
  const ints = (min: number, max = Infinity): IntExpr[] => {
    if (f.kids.length < min || f.kids.length > max) bad(`expected ${max === min ? min : `at least ${min}`} integer operand(s) in <${tag}> but found ${f.kids.length}`);
    return f.kids.map((k, i) => (k.role === 'int' ? k.node : bad(`expected an integer expression in <${tag}> but found <${f.kidTags[i]}>`)));
  };
  const names = (want: 'place' | 'transition'): string[] => {
    if (f.kids.length === 0) bad(`expected at least one <${want}> in <${tag}>`);
    return f.kids.map((k, i) => (k.role === 'text' && k.tag === want ? k.text : bad(`expected <${want}> in <${tag}> but found <${f.kidTags[i]}>`)));
  };
  const formula = (node: Formula): Built => ({ role: 'formula', node });
  if (tag in COMPARE) {
    const [left, right] = ints(2, 2);
    return formula({ kind: 'compare', op: COMPARE[tag], left, right, span });
  }
  switch (tag) {
    case 'property-set':
      return { role: 'none' };
    case 'description':
      return { role: 'none' };
    case 'id':
    case 'place':
    case 'transition': {
      const text = f.text.trim();
      if (text === '') bad(`expected a non-empty <${tag}>`);
      return { role: 'text', tag, text };
    }
    case 'property': {
      const id = f.kids.find((k) => k.role === 'text');
      const body = f.kids.filter((k) => k.role === 'formula' || k.role === 'bound');
      if (id?.role !== 'text') return bad('expected <id> in <property>');
      if (f.kidTags.filter((t) => t === 'id').length > 1 || f.kidTags.filter((t) => t === 'formula').length !== 1) {
        bad('expected exactly one <id> and one <formula> in <property>');
      }
      const node = body[0];
      if (node?.role !== 'formula' && node?.role !== 'bound') return bad('expected <formula> in <property>');
      return { role: 'property', property: { id: id.text, formula: node.node } };
    }
    case 'formula': {
      if (f.kids.length !== 1) bad(`expected exactly one element in <formula> but found ${f.kids.length}`);
      const k = f.kids[0];
      if (k.role === 'formula') return k;
      if (k.role === 'bound') return k;
      return bad(`expected a formula in <formula> but found <${f.kidTags[0]}>`);
    }
    case 'all-paths':
    case 'exists-path':
      return formula({ kind: 'path', quantifier: tag === 'all-paths' ? 'A' : 'E', body: formulas(1, 1)[0], span });
    case 'globally':
    case 'finally':
    case 'next':
      return formula({ kind: 'temporal', op: tag === 'globally' ? 'G' : tag === 'finally' ? 'F' : 'X', arg: formulas(1, 1)[0], span });
    case 'before':
    case 'reach':
      return { role: 'operand', tag, node: formulas(1, 1)[0] };
    case 'until': {
      const b = f.kids.find((k) => k.role === 'operand' && k.tag === 'before');
      const r = f.kids.find((k) => k.role === 'operand' && k.tag === 'reach');
      if (f.kids.length !== 2 || b?.role !== 'operand' || r?.role !== 'operand') {
        return bad(`expected <before> and <reach> in <until> but found ${f.kidTags.map((t) => `<${t}>`).join(', ') || 'nothing'}`);
      }
      return formula({ kind: 'until', op: 'U', left: b.node, right: r.node, span });
    }
    case 'negation':
      return formula({ kind: 'not', arg: formulas(1, 1)[0], span });
    case 'conjunction':
    case 'disjunction': {
      const args = formulas(1);
      return args.length === 1 ? formula(args[0]) : formula({ kind: tag === 'conjunction' ? 'and' : 'or', args, span });
    }
    case 'true':
    case 'false':
      formulas(0, 0);
      return formula({ kind: 'bool', value: tag === 'true', span });
    case 'deadlock':
      formulas(0, 0);
      return formula({ kind: 'deadlock', span });
    case 'is-fireable':
      return formula({ kind: 'fireable', transitions: names('transition'), span });
    case 'tokens-count':
      return { role: 'int', node: { kind: 'tokens', places: names('place'), span } };
    case 'place-bound':
      return { role: 'bound', node: { kind: 'bound', places: names('place'), span } };
    case 'integer-constant': {
      const text = f.text.trim();
      const value = Number(text);
      if (!/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(value)) bad(`expected an integer in <integer-constant> but found '${text}'`);
      return { role: 'int', node: { kind: 'int', value: value === 0 ? 0 : value, span } };
    }
    case 'integer-sum':
    case 'integer-difference':
    case 'integer-product': {
      const args = ints(1);
      return { role: 'int', node: args.length === 1 ? args[0] : { kind: 'arith', op: ARITH[tag], args, span } };
    }
    default:
      return bad(`expected an MCC property element but found <${tag}>`);
  }
}
