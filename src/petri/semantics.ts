/**
 * A P/T net as a {@link TransitionSystem}: states are bit-packed markings, action `t` fires
 * transition `t`. Standard firing rule with weights, inhibitor arcs (`m(p) < w`) and place
 * capacities (a firing that would exceed one is disabled).
 *
 * Enabledness is found without scanning every transition: each transition with input arcs is
 * filed under one "sentinel" input place, and only transitions whose sentinel is marked are
 * tested (words of all-empty places are skipped whole). Firing copies the packed marking and
 * rewrites only the fields of places whose count changes. No allocation per state or edge.
 *
 * Successor order is deterministic: by layout position of the sentinel place, then transition
 * index; transitions without input arcs come first.
 */
import { LayoutOverflow, type SuccessorSink, type TransitionSystem } from '../core/index.js';
import { MAX_TOKENS, MarkingLayout } from './layout.js';
import { type PetriNet, netEffect } from './net.js';

/** Flattened arc lists: entries `start[t] … start[t+1]-1` of `place`/`value` belong to transition t. */
interface ArcTable {
  readonly start: Int32Array;
  readonly place: Int32Array;
  readonly value: Int32Array;
}

function arcTable(n: number, rows: (t: number) => readonly { place: number; value: number }[]): ArcTable {
  const start = new Int32Array(n + 1);
  const place: number[] = [];
  const value: number[] = [];
  for (let t = 0; t < n; t++) {
    start[t] = place.length;
    for (const r of rows(t)) {
      place.push(r.place);
      value.push(r.value);
    }
  }
  start[n] = place.length;
  return { start, place: Int32Array.from(place), value: Int32Array.from(value) };
}

export interface PetriSystemOptions {
  /** Known upper bounds per place (e.g. from P-semiflows), used to size fields; must be sound. */
  readonly placeBounds?: readonly (number | undefined)[];
}

export class PetriSystem implements TransitionSystem {
  readonly net: PetriNet;
  readonly actionCount: number;
  /** Input arcs (value = weight). */
  readonly pre: ArcTable;
  /** Net effect per place of firing (value = post - pre, non-zero only). */
  readonly delta: ArcTable;
  /** Inhibitor arcs (value = threshold: enabled only if m(p) < value). */
  readonly inhibitors: ArcTable;
  /** Capacity checks: places with capacity and positive delta (value = capacity). */
  private readonly capacityChecks: ArcTable;
  private layoutValue: MarkingLayout;
  private sentinelStart!: Int32Array;
  private sentinelList!: Int32Array;
  private sourceTransitions!: Int32Array;
  private scratch: Uint32Array;

  constructor(net: PetriNet, options: PetriSystemOptions = {}) {
    this.net = net;
    const T = net.transitions.length;
    this.actionCount = T;
    this.pre = arcTable(T, (t) => net.transitions[t].pre.map((a) => ({ place: a.place, value: a.weight })));
    this.inhibitors = arcTable(T, (t) => net.transitions[t].inhibitors.map((a) => ({ place: a.place, value: a.weight })));
    this.delta = arcTable(T, (t) => netEffect(net, t));
    this.capacityChecks = arcTable(T, (t) =>
      netEffect(net, t)
        .filter((d) => d.value > 0 && net.places[d.place].capacity !== undefined)
        .map((d) => ({ place: d.place, value: net.places[d.place].capacity as number })),
    );
    const widths = net.places.map((p, i) => {
      const bound = options.placeBounds?.[i];
      const guess = bound !== undefined ? bound : Math.max(255, p.initial * 2, p.capacity ?? 0);
      return MarkingLayout.widthFor(Math.min(Math.max(guess, p.initial, p.capacity ?? 0), MAX_TOKENS));
    });
    this.layoutValue = new MarkingLayout(widths);
    this.scratch = new Uint32Array(this.layoutValue.words);
    this.indexSentinels();
  }

  /** The current packing of markings (changes after {@link widen}). */
  get layout(): MarkingLayout {
    return this.layoutValue;
  }

  get stateWords(): number {
    return this.layoutValue.words;
  }

  initialStates(): readonly Uint32Array[] {
    return [this.layoutValue.pack(this.net.places.map((p) => p.initial))];
  }

  actionName(action: number): string {
    return this.net.transitions[action].name;
  }

  formatState(source: Uint32Array, offset: number): string {
    const parts: string[] = [];
    const L = this.layoutValue;
    for (let p = 0; p < this.net.places.length; p++) {
      const v = L.read(source, offset, p);
      if (v !== 0) parts.push(v === 1 ? this.net.places[p].name : `${this.net.places[p].name}=${v}`);
    }
    return parts.length === 0 ? '(empty marking)' : parts.join(', ');
  }

  widen(overflow: LayoutOverflow): boolean {
    const widths = Array.from(this.layoutValue.widths);
    const p = overflow.component;
    if (widths[p] === 32 || overflow.value > MAX_TOKENS) return false;
    widths[p] = Math.max(widths[p] * 2, MarkingLayout.widthFor(overflow.value));
    if (widths[p] > 32) return false;
    this.layoutValue = new MarkingLayout(widths);
    this.scratch = new Uint32Array(this.layoutValue.words);
    this.indexSentinels();
    return true;
  }

  /** Is transition `t` enabled in the marking at `src[off…]`? */
  isEnabled(src: Uint32Array, off: number, t: number): boolean {
    const L = this.layoutValue;
    const { word, shift, mask } = L;
    const pre = this.pre;
    for (let i = pre.start[t]; i < pre.start[t + 1]; i++) {
      const p = pre.place[i];
      if (((src[off + word[p]] >>> shift[p]) & mask[p]) < pre.value[i]) return false;
    }
    const inh = this.inhibitors;
    for (let i = inh.start[t]; i < inh.start[t + 1]; i++) {
      const p = inh.place[i];
      if (((src[off + word[p]] >>> shift[p]) & mask[p]) >= inh.value[i]) return false;
    }
    const cap = this.capacityChecks;
    if (cap.start[t] !== cap.start[t + 1]) {
      for (let i = cap.start[t]; i < cap.start[t + 1]; i++) {
        const p = cap.place[i];
        if (((src[off + word[p]] >>> shift[p]) & mask[p]) + this.deltaOf(t, p) > cap.value[i]) return false;
      }
    }
    return true;
  }

  successors(src: Uint32Array, off: number, sink: SuccessorSink): void {
    const L = this.layoutValue;
    const { word, shift, mask, placesOfWord } = L;
    const sources = this.sourceTransitions;
    for (let i = 0; i < sources.length; i++) {
      const t = sources[i];
      if (this.isEnabled(src, off, t) && sink(t, this.fire(src, off, t)) === true) return;
    }
    const sStart = this.sentinelStart;
    const sList = this.sentinelList;
    for (let w = 0; w < placesOfWord.length; w++) {
      if (src[off + w] === 0) continue;
      const places = placesOfWord[w];
      for (let k = 0; k < places.length; k++) {
        const p = places[k];
        if (sStart[p] === sStart[p + 1] || ((src[off + word[p]] >>> shift[p]) & mask[p]) === 0) continue;
        for (let j = sStart[p]; j < sStart[p + 1]; j++) {
          const t = sList[j];
          if (this.isEnabled(src, off, t) && sink(t, this.fire(src, off, t)) === true) return;
        }
      }
    }
  }

  /** Fires enabled transition `t` from `src[off…]` into the scratch buffer and returns it. */
  private fire(src: Uint32Array, off: number, t: number): Uint32Array {
    const out = this.scratch;
    for (let i = 0; i < out.length; i++) out[i] = src[off + i];
    const L = this.layoutValue;
    const { word, shift, mask, max } = L;
    const d = this.delta;
    for (let i = d.start[t]; i < d.start[t + 1]; i++) {
      const p = d.place[i];
      const wi = word[p];
      const s = shift[p];
      const v = ((out[wi] >>> s) & mask[p]) + d.value[i];
      if (v > max[p]) throw new LayoutOverflow(p, v);
      out[wi] = (out[wi] & ~(mask[p] << s)) | (v << s);
    }
    return out;
  }

  private deltaOf(t: number, p: number): number {
    const d = this.delta;
    for (let i = d.start[t]; i < d.start[t + 1]; i++) if (d.place[i] === p) return d.value[i];
    return 0;
  }

  /** Files each transition with input arcs under its sentinel place (its heaviest input arc). */
  private indexSentinels(): void {
    const P = this.net.places.length;
    const buckets: number[][] = Array.from({ length: P }, () => []);
    const sources: number[] = [];
    this.net.transitions.forEach((t, ti) => {
      if (t.pre.length === 0) {
        sources.push(ti);
        return;
      }
      let best = t.pre[0];
      for (const a of t.pre) if (a.weight > best.weight) best = a;
      buckets[best.place].push(ti);
    });
    this.sentinelStart = new Int32Array(P + 1);
    const list: number[] = [];
    for (let p = 0; p < P; p++) {
      this.sentinelStart[p] = list.length;
      list.push(...buckets[p]);
    }
    this.sentinelStart[P] = list.length;
    this.sentinelList = Int32Array.from(list);
    this.sourceTransitions = Int32Array.from(sources);
  }
}
