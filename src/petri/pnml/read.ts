/**
 * Streaming PNML reader for ISO/IEC 15909-2 place/transition nets.
 *
 * Contract:
 * - The file is decoded chunk by chunk (UTF-8/16 by BOM, otherwise the XML declaration's
 *   `encoding`, e.g. ISO-8859-1) and fed to a `saxes` SAX parser; no DOM is built, memory is
 *   proportional to the net, not to the file.
 * - Accepted net types: the 2009 `ptnet` and `pnmlcoremodel` grammars (ProM/pm4py), the older
 *   Humboldt `ptNetb`/`ptNet` (WoPeD) and a missing `type` attribute. Anything else, and any
 *   high-level content (`<structure>`, `<hlinitialMarking>`, `<declaration>`, sorted places), is
 *   rejected with WFV1103.
 * - Exactly one `<net>` per document: a second `<net>` is WFV1110 (we do not guess which one
 *   the user meant). A `<net>` nested in a `<page>` (WoPeD subprocesses) is WFV1110 too.
 * - Pages are flattened at any depth; places and transitions get indices in document order.
 *   `<toolspecific>`, `<graphics>` and unknown labels are skipped with all their content.
 * - Arc kinds: `type="normal|inhibitor"` attribute (TAPAAL), `<type value="…"/>` child, or
 *   `<arctype><text>…</text></arctype>` (ProM/pm4py); default normal. Anything else: WFV1104.
 * - Weights default to 1 and must be integers in 1..2^31-1; initial markings in 0..2^31-1 (WFV1105).
 * - Reference nodes are resolved through chains; arcs may end at reference nodes (WFV1106).
 * - Normal arcs of one direction between the same pair are merged with `normaliseArcs` (weights
 *   add). Duplicate inhibitor arcs keep the smallest weight (the conjunction `m < a ∧ m < b`).
 * - Place capacities occur in no corpus file and are not supported: `<capacity>` is WFV1110.
 * - Every failure is an `InputError` with the file and, where known, a 1-based line and column.
 */
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { InputError, WfvError, type ErrorCode } from '../../core/index.js';
import { normaliseArcs, type Arc, type PetriNet, type PlaceId, type TransitionId } from '../net.js';

const MAX_INT = 2 ** 31 - 1;
const HL_HINT = 'wfverify reads P/T nets only; coloured, symmetric and high-level nets are not supported';
/** Net `type` values read as P/T nets (compared lower-cased). */
export const PT_NET_TYPES: ReadonlySet<string> = new Set([
  ...['ptnet', 'ptnet.pntd', 'pnmlcoremodel', 'pnmlcoremodel.pntd'].map((t) => `http://www.pnml.org/version-2009/grammar/${t}`),
  ...['pntd/ptnetb', 'pntd/ptnet', 'pnml/ptnetb'].map((t) => `http://www.informatik.hu-berlin.de/top/${t}`),
  'ptnet',
  'pnmlcoremodel',
]);
/** Elements that only occur in high-level nets. */
const HL_ELEMENTS = new Set(['structure', 'hlinitialMarking', 'hlinscription', 'declaration', 'declarations', 'condition']);

type Kind = 'normal' | 'inhibitor';
interface Pos { readonly line: number; readonly column: number }
interface NodeBuf extends Pos { tag: 'place' | 'transition'; id: string; index: number; name?: string; initial: number }
interface RefBuf extends Pos { tag: 'referencePlace' | 'referenceTransition'; id: string; ref: string; target?: NodeBuf }
interface ArcBuf extends Pos { tag: 'arc'; id: string; source: string; target: string; kind: Kind; weight: number }
type Entry = NodeBuf | RefBuf;
type Label = 'name' | 'initialMarking' | 'inscription' | 'arctype';

/** Incremental PNML-to-net reader: `write` text chunks, then `finish`. */
export class PnmlReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private depth = 0;
  private skipFrom = -1; // depth of an ignored subtree's root, or -1
  private netDepth = -1; // depth of the open <net>, or -1
  private netCount = 0;
  private netId = 'net';
  private netName: string | undefined;
  private netPos: Pos = { line: 1, column: 1 }; // of <net>, or of <pnml> until a net is seen
  private tagLine = 1; // start of the tag being opened
  private tagColumn = 1;
  private node: NodeBuf | RefBuf | ArcBuf | undefined;
  private nodeDepth = -1;
  private label: Label | undefined;
  private labelDepth = -1;
  private labelPos: Pos = this.netPos;
  private innerDepth = -1; // depth of a <text>/<value> inside the label, or -1
  private allText = '';
  private innerText: string | undefined;
  private readonly ids = new Map<string, Entry>();
  private readonly nodes: { place: NodeBuf[]; transition: NodeBuf[] } = { place: [], transition: [] };
  private readonly refs: RefBuf[] = [];
  private readonly arcs: ArcBuf[] = [];

  constructor(readonly file: string) {
    const p = this.parser;
    p.on('error', (e) => this.fail('WFV1101', `malformed XML: ${e.message.replace(/^\d+:\d+: /, '')}`, this.here()));
    p.on('opentagstart', (t) => {
      this.tagLine = p.line;
      this.tagColumn = Math.max(1, p.column - t.name.length - 1);
    });
    p.on('opentag', (t) => this.open(t));
    p.on('closetag', () => this.close());
    p.on('text', (s) => this.text(s));
    p.on('cdata', (s) => this.text(s));
  }

  /** Feeds the next chunk of the document. Throws `InputError` on the first problem found. */
  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** Current parser position (1-based). */
  here(): Pos {
    return { line: this.parser.line, column: this.parser.column + 1 };
  }

  fail(code: ErrorCode, message: string, pos?: Pos, hint?: string): never {
    const location = pos ? { file: this.file, line: pos.line, column: pos.column } : { file: this.file };
    throw new InputError(code, message, { location, hint });
  }

  /** Start of the tag being opened (1-based). */
  private at(): Pos {
    return { line: this.tagLine, column: this.tagColumn };
  }

  private open(t: SaxesTagPlain): void {
    const d = ++this.depth;
    if (this.skipFrom >= 0) return;
    const name = t.name.slice(t.name.indexOf(':') + 1);
    if (d === 1) {
      if (name !== 'pnml') this.fail('WFV1102', `not a PNML document: the root element is <${t.name}>, expected <pnml>`, this.at());
      this.netPos = this.at();
      return;
    }
    if (this.netDepth < 0) {
      if (d === 2 && name === 'net') return this.openNet(t, this.at());
      this.skipFrom = d; // anything else outside the net is ignored
      return;
    }
    if (HL_ELEMENTS.has(name)) this.fail('WFV1103', `<${name}> belongs to high-level nets`, this.at(), HL_HINT);
    const parent = this.node && d === this.nodeDepth + 1 ? this.node.tag : d === this.netDepth + 1 ? 'net' : undefined;
    switch (name) {
      case 'page':
        if (this.node || this.label) break;
        return;
      case 'net':
        this.fail('WFV1110', 'a <net> nested inside a page is not supported', this.at(),
          'WoPeD subprocess refinements are not part of ISO PNML; flatten the subprocesses first');
      case 'place': case 'transition': case 'arc': case 'referencePlace': case 'referenceTransition':
        if (this.node || this.label) break;
        return this.openNode(name, t.attributes, d);
      case 'name':
        if (parent === 'net' || parent === 'place' || parent === 'transition') return this.openLabel('name', d, this.at());
        break;
      case 'initialMarking':
        if (parent === 'place') return this.openLabel(name, d, this.at());
        break;
      case 'inscription': case 'arctype':
        if (parent === 'arc') return this.openLabel(name, d, this.at());
        break;
      case 'type':
        if (parent === 'arc' && t.attributes.value === undefined) return this.openLabel('arctype', d, this.at());
        if (parent === 'arc') (this.node as ArcBuf).kind = this.kind(t.attributes.value, this.at());
        else if (parent === 'place') this.fail('WFV1103', 'a place with a <type> (sort) belongs to a coloured net', this.at(), HL_HINT);
        break;
      case 'capacity':
        if (parent === 'place') this.fail('WFV1110', 'place capacities are not supported', this.at());
        break;
      case 'text': case 'value':
        if (this.label && this.innerDepth < 0 && d === this.labelDepth + 1) {
          this.innerDepth = d;
          this.innerText ??= '';
          return;
        }
        break;
    }
    this.skipFrom = d; // toolspecific, graphics and unknown labels
  }

  private close(): void {
    const d = this.depth--;
    if (this.skipFrom >= 0) {
      if (d === this.skipFrom) this.skipFrom = -1;
      return;
    }
    if (d === this.innerDepth) this.innerDepth = -1;
    else if (d === this.labelDepth) this.closeLabel();
    else if (d === this.nodeDepth) this.setNode(undefined, -1);
    else if (d === this.netDepth) this.netDepth = -1;
  }

  private text(s: string): void {
    if (this.skipFrom >= 0 || !this.label) return;
    this.allText += s;
    if (this.innerDepth >= 0) this.innerText += s;
  }

  private openNet(t: SaxesTagPlain, at: Pos): void {
    if (++this.netCount > 1) this.fail('WFV1110', 'the document holds more than one <net>', at, 'wfverify reads one net per file; split the document');
    const type = t.attributes.type;
    if (type !== undefined && !PT_NET_TYPES.has(type.trim().toLowerCase())) this.fail('WFV1103', `unsupported net type '${type}'`, at, HL_HINT);
    this.netDepth = this.depth;
    this.netPos = at;
    this.netId = t.attributes.id ?? 'net';
  }

  private openNode(tag: string, a: Record<string, string>, d: number): void {
    const at = this.at();
    const { line, column } = at;
    const need = (k: string): string => a[k] ?? this.fail('WFV1102', `<${tag}> without a '${k}' attribute`, at);
    const id = need('id');
    let n: NodeBuf | RefBuf | ArcBuf;
    if (tag === 'place' || tag === 'transition') {
      const list = this.nodes[tag];
      n = { tag, id, index: list.length, initial: 0, line, column };
      list.push(n);
    } else if (tag === 'arc') {
      n = { tag, id, source: need('source'), target: need('target'), kind: 'normal', weight: 1, line, column };
      if (a.type !== undefined) n.kind = this.kind(a.type, at);
      this.arcs.push(n); // arc ids are not registered: nothing refers to them (WoPeD repeats them)
    } else {
      n = { tag: tag as RefBuf['tag'], id, ref: need('ref'), line, column };
      this.refs.push(n);
    }
    if (n.tag !== 'arc') {
      if (this.ids.has(id)) this.fail('WFV1107', `duplicate id '${id}'`, at);
      this.ids.set(id, n);
    }
    this.setNode(n, d);
  }

  private setNode(n: NodeBuf | RefBuf | ArcBuf | undefined, depth: number): void {
    this.node = n;
    this.nodeDepth = depth;
  }

  private openLabel(l: Label, d: number, at: Pos): void {
    this.label = l;
    this.labelDepth = d;
    this.labelPos = at;
    this.allText = '';
    this.innerText = undefined;
  }

  private closeLabel(): void {
    const l = this.label;
    const inner = this.innerText;
    const value = (inner ?? this.allText).trim();
    const n = this.node;
    this.label = undefined;
    this.labelDepth = -1;
    if (l === 'name') {
      if (n === undefined) this.netName = inner ?? value;
      else (n as NodeBuf).name = inner ?? value;
    } else if (l === 'initialMarking') (n as NodeBuf).initial = this.count(value, 0, 'initial marking');
    else if (l === 'inscription') (n as ArcBuf).weight = this.count(value, 1, 'arc weight');
    else (n as ArcBuf).kind = this.kind(value, this.labelPos);
  }

  private kind(s: string, at: Pos): Kind {
    const k = s.trim().toLowerCase();
    if (k === 'normal' || k === 'inhibitor') return k;
    return this.fail('WFV1104', `unknown arc kind '${s}'`, at, 'supported arc kinds: normal, inhibitor');
  }

  private count(s: string, min: number, what: string): number {
    const n = /^\d{1,10}$/.test(s) ? Number(s) : NaN;
    if (n >= min && n <= MAX_INT) return n;
    const why = /^\d+$/.test(s) ? (Number(s) < min ? 'must be positive' : `exceeds ${MAX_INT}`) : 'is not a non-negative integer';
    return this.fail('WFV1105', `${what} '${s}' ${why}`, this.labelPos);
  }

  /** Ends the document and builds the net; throws `InputError` if it is not a valid P/T net. */
  finish(): PetriNet {
    this.parser.close();
    if (this.netCount === 0) this.fail('WFV1102', 'not a PNML document: no <net> element', this.netPos);
    for (const r of this.refs) this.resolveRef(r);
    const { place: places, transition: transitions } = this.nodes;
    if (places.length === 0) this.fail('WFV1108', `net '${this.netId}' has no places`, this.netPos);
    const pre: Arc[][] = transitions.map(() => []);
    const post: Arc[][] = transitions.map(() => []);
    const inh = transitions.map(() => new Map<number, number>());
    for (const a of this.arcs) {
      const s = this.endpoint(a, a.source);
      const t = this.endpoint(a, a.target);
      if (s.tag === t.tag) this.fail('WFV1109', `arc '${a.id}' connects ${s.tag} '${s.id}' to ${t.tag} '${t.id}'`, a);
      if (s.tag === 'transition') {
        if (a.kind === 'inhibitor') this.fail('WFV1109', `inhibitor arc '${a.id}' must go from a place to a transition`, a);
        post[s.index].push({ place: t.index, weight: a.weight });
      } else if (a.kind === 'normal') pre[t.index].push({ place: s.index, weight: a.weight });
      else inh[t.index].set(s.index, Math.min(a.weight, inh[t.index].get(s.index) ?? MAX_INT));
    }
    return {
      id: this.netId,
      name: this.netName ?? this.netId,
      places: places.map((p) => ({ id: p.id as PlaceId, name: p.name ?? p.id, initial: p.initial })),
      transitions: transitions.map((t, i) => ({
        id: t.id as TransitionId,
        name: t.name ?? t.id,
        pre: normalised(pre[i]),
        post: normalised(post[i]),
        inhibitors: normalised([...inh[i]].map(([place, weight]) => ({ place, weight }))),
      })),
    };
  }

  private resolveRef(r: RefBuf): NodeBuf {
    if (r.target) return r.target;
    let e: Entry | undefined = r;
    for (let hops = 0; e && 'ref' in e; hops++) {
      if (hops > this.refs.length) this.fail('WFV1106', `reference '${r.id}' is part of a cycle of references`, r);
      e = this.ids.get(e.ref);
    }
    const want = r.tag === 'referencePlace' ? 'place' : 'transition';
    if (!e) this.fail('WFV1106', `${r.tag} '${r.id}' refers to unknown id '${r.ref}'`, r);
    if (e.tag !== want) this.fail('WFV1106', `${r.tag} '${r.id}' must refer to a ${want}, not to a ${e.tag}`, r);
    return (r.target = e as NodeBuf);
  }

  private endpoint(a: ArcBuf, id: string): NodeBuf {
    const e = this.ids.get(id);
    if (!e) return this.fail('WFV1106', `arc '${a.id}' refers to unknown id '${id}'`, a);
    return 'ref' in e ? this.resolveRef(e) : e;
  }
}

/** `normaliseArcs(arcs)`, skipping the work when the arcs are already sorted by distinct places. */
function normalised(arcs: Arc[]): Arc[] {
  for (let i = 1; i < arcs.length; i++) if (arcs[i - 1].place >= arcs[i].place) return normaliseArcs(arcs);
  return arcs;
}

/** Parses a PNML document held in memory; `file` is used in error locations. */
export function parsePnml(text: string, file = '<string>'): PetriNet {
  const r = new PnmlReader(file);
  r.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return r.finish();
}

/** Picks a decoder from the BOM or the XML declaration of the first bytes. */
function decoderFor(head: Buffer, file: string): TextDecoder {
  let label = 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) label = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) label = 'utf-16be';
  else if (!(head[0] === 0xef && head[1] === 0xbb)) {
    const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.subarray(0, 512).toString('latin1'));
    if (m) label = m[1];
  }
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    throw new InputError('WFV1101', `unsupported character encoding '${label}'`, { location: { file, line: 1, column: 1 } });
  }
}

/** Reads a PNML file as a stream (never whole in memory). Missing/unreadable file: WFV1001. */
export async function readPnmlFile(path: string): Promise<PetriNet> {
  const reader = new PnmlReader(path);
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let decoder: TextDecoder | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(chunk, path);
      reader.write(decoder.decode(chunk, { stream: true }));
    }
    if (decoder) reader.write(decoder.decode());
  } catch (e) {
    stream.destroy();
    if (e instanceof WfvError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_ENCODING')) reader.fail('WFV1101', `invalid byte sequence for the file's character encoding`, reader.here());
    if (code === '') throw e;
    throw new InputError('WFV1001', `cannot read '${path}': ${(e as Error).message}`, { location: { file: path }, cause: e });
  }
  return reader.finish();
}
