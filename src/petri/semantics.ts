/**
 * A P/T net as a {@link TransitionSystem}: states are bit-packed markings, action `t` fires
 * transition `t`. Standard firing rule with weights, inhibitor arcs (`m(p) < w`) and place
 * capacities (a firing that would exceed one is disabled).
 *
 * Enabledness is found without scanning every transition: each transition with input arcs is
 * filed under one "sentinel" input place, and only transitions whose sentinel is marked are
 * tested (words of all-empty places are skipped whole). Firing adds a precomputed per-word delta
 * to each word of the packed marking: since an enabled transition never takes a field below zero
 * and a field that would exceed its width raises {@link LayoutOverflow} first, the per-field
 * changes never carry or borrow into a neighbouring field. The arc tables are flattened per
 * layout (word index, shift, mask next to each arc's value), so a test is a few array reads.
 * No allocation per state or edge; {@link PetriSystem.successorsInto} enumerates without a
 * callback per edge.
 *
 * Successor order is deterministic: by layout position of the sentinel place, then transition
 * index; transitions without input arcs come first.
 */
import { LayoutOverflow, type SuccessorSink, type TransitionSystem } from '../core/index.js';
import { type SuccessorsInto, compileSuccessors } from './compiled-successors.js';
import { type FiringTables, firingTables } from './firing-tables.js';
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
  /** Compile the successor enumeration to JavaScript (default true; see compiled-successors.ts). */
  readonly compile?: boolean;
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
  /** Arc tests and firing deltas flattened for the current layout (rebuilt on widening). */
  private fast!: FiringTables;
  /** The enumeration compiled for the current layout (undefined: not compiled, use the loop). */
  private compiled: SuccessorsInto | undefined;
  private readonly compile: boolean;

  constructor(net: PetriNet, options: PetriSystemOptions = {}) {
    this.net = net;
    this.compile = options.compile ?? true;
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
    this.compileFiring();
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
    this.compileFiring();
    return true;
  }

  /** Rebuilds the flattened firing tables (and the compiled enumeration) for the current layout. */
  private compileFiring(): void {
    this.fast = firingTables(this.layoutValue, this.pre, this.inhibitors, this.capacityChecks, this.delta);
    const index = { sources: this.sourceTransitions, sentinelStart: this.sentinelStart, sentinelList: this.sentinelList };
    this.compiled = this.compile ? compileSuccessors(this.layoutValue, this.fast, index, (t, word, shift, excess) => this.overflow(t, word, shift, excess)) : undefined;
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
    const { word, shift, mask, placesOfWord } = this.layoutValue;
    const out = this.scratch;
    const sources = this.sourceTransitions;
    for (let i = 0; i < sources.length; i++) {
      const t = sources[i];
      if (this.enabledAt(src, off, t)) {
        this.fireInto(src, off, t, out, 0);
        if (sink(t, out) === true) return;
      }
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
          if (this.enabledAt(src, off, t)) {
            this.fireInto(src, off, t, out, 0);
            if (sink(t, out) === true) return;
          }
        }
      }
    }
  }

  /**
   * Writes the successors of the marking at `src[off…]` to `out` from `outOffset` on
   * ({@link stateWords} words each) and their transitions to `actions[0…]`, in the order of
   * {@link successors}; returns how many. `out` needs room for {@link actionCount} successors.
   */
  successorsInto(src: Uint32Array, off: number, out: Uint32Array, outOffset: number, actions: Int32Array): number {
    const compiled = this.compiled;
    return compiled !== undefined ? compiled(src, off, out, outOffset, actions) : this.successorsLoop(src, off, out, outOffset, actions);
  }

  /** {@link successorsInto} by looping over the flattened tables. */
  private successorsLoop(src: Uint32Array, off: number, out: Uint32Array, outOffset: number, actions: Int32Array): number {
    const { word, shift, mask, placesOfWord } = this.layoutValue;
    const W = placesOfWord.length;
    let n = 0;
    let o = outOffset;
    const sources = this.sourceTransitions;
    for (let i = 0; i < sources.length; i++) {
      const t = sources[i];
      if (this.enabledAt(src, off, t)) {
        this.fireInto(src, off, t, out, o);
        o += W;
        actions[n++] = t;
      }
    }
    const sStart = this.sentinelStart;
    const sList = this.sentinelList;
    for (let w = 0; w < W; w++) {
      if (src[off + w] === 0) continue;
      const places = placesOfWord[w];
      for (let k = 0; k < places.length; k++) {
        const p = places[k];
        const end = sStart[p + 1];
        if (sStart[p] === end || ((src[off + word[p]] >>> shift[p]) & mask[p]) === 0) continue;
        for (let j = sStart[p]; j < end; j++) {
          const t = sList[j];
          if (this.enabledAt(src, off, t)) {
            this.fireInto(src, off, t, out, o);
            o += W;
            actions[n++] = t;
          }
        }
      }
    }
    return n;
  }

  /** {@link isEnabled} on the flattened tables. */
  private enabledAt(src: Uint32Array, off: number, t: number): boolean {
    const f = this.fast;
    const tests = f.tests;
    // Input arcs need v >= value; inhibitor and capacity tests need v <= value (stored as such).
    for (let i = f.preStart[t], e = f.upperStart[t]; i < e; i += 4) {
      if (((src[off + tests[i]] >>> tests[i + 1]) & tests[i + 2]) < tests[i + 3]) return false;
    }
    for (let i = f.upperStart[t], e = f.overflowStart[t]; i < e; i += 4) {
      if (((src[off + tests[i]] >>> tests[i + 1]) & tests[i + 2]) > tests[i + 3]) return false;
    }
    return true;
  }

  /** Fires enabled transition `t` from `src[off…]` into `out[o…]`; throws {@link LayoutOverflow}. */
  private fireInto(src: Uint32Array, off: number, t: number, out: Uint32Array, o: number): void {
    const f = this.fast;
    const tests = f.tests;
    for (let i = f.overflowStart[t], e = f.preStart[t + 1]; i < e; i += 4) {
      const v = (src[off + tests[i]] >>> tests[i + 1]) & tests[i + 2];
      if (v > tests[i + 3]) throw this.overflow(t, tests[i], tests[i + 1], v - tests[i + 3]);
    }
    const W = f.words;
    const d = f.wordDelta;
    const base = t * W;
    for (let i = 0; i < W; i++) out[o + i] = src[off + i] + d[base + i];
  }

  /** The LayoutOverflow of firing `t`: the place at (word, shift) would exceed its field by `excess`. */
  private overflow(t: number, word: number, shift: number, excess: number): LayoutOverflow {
    const L = this.layoutValue;
    const d = this.delta;
    for (let i = d.start[t]; i < d.start[t + 1]; i++) {
      const p = d.place[i];
      if (L.word[p] === word && L.shift[p] === shift) return new LayoutOverflow(p, L.max[p] + excess);
    }
    throw new Error('unreachable: overflow test without a place');
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
