/**
 * Packed workflow states: named bit fields in 32-bit words (a field never straddles two words).
 *
 * Fields, in order: status, lastEvent (index into the event table, 0 = none), the leftover flag
 * (a pending branch was abandoned), the cancellation-requested flag, one program counter per
 * thread slot (0 = inactive, else the location's index in its slot + 1), one field per tracked
 * variable (its code), one per patch (0 unset, 1 true, 2 false), one registered flag per
 * handler, per compensation list its length and entries (push-site codes, front first), and one
 * cursor per compensation run site.
 */
import { InternalError } from '../../core/index.js';
import { bitsFor } from './domains.js';
import type { ProcessGraph } from './graph.js';
import type { VarCodec } from './domains.js';
import type { WorkflowStatus } from './types.js';

/** Status codes in the status field. */
export const STATUS_CODES: readonly WorkflowStatus[] = ['running', 'completed', 'failed', 'cancelled', 'continuedAsNew', 'taskFailed'];

/** Bit fields packed first-fit into words. */
export class FieldLayout {
  readonly word: Int32Array;
  readonly shift: Int32Array;
  readonly mask: Uint32Array;
  readonly words: number;

  constructor(widths: readonly number[]) {
    this.word = new Int32Array(widths.length);
    this.shift = new Int32Array(widths.length);
    this.mask = new Uint32Array(widths.length);
    let w = 0;
    let used = 0;
    widths.forEach((bits, i) => {
      if (bits < 1 || bits > 32) throw new InternalError(`state field ${i} needs ${bits} bits`);
      if (used + bits > 32) {
        w++;
        used = 0;
      }
      this.word[i] = w;
      this.shift[i] = used;
      this.mask[i] = bits === 32 ? 0xffffffff : (1 << bits) - 1;
      used += bits;
    });
    this.words = widths.length === 0 ? 1 : w + 1;
  }

  read(s: Uint32Array, off: number, f: number): number {
    return ((s[off + this.word[f]] >>> this.shift[f]) & this.mask[f]) >>> 0;
  }

  /** Writes `v` into field `f` of the state at offset 0 (the caller checked the range). */
  write(s: Uint32Array, f: number, v: number): void {
    const w = this.word[f];
    const sh = this.shift[f];
    const m = this.mask[f];
    s[w] = ((s[w] & ~(m << sh)) | ((v & m) << sh)) >>> 0;
  }
}

/** The field indices of a workflow state. */
export class WorkflowLayout {
  readonly fields: FieldLayout;
  readonly status = 0;
  readonly lastEvent = 1;
  readonly leftover = 2;
  readonly cancel = 3;
  /** Program counter field per slot. */
  readonly pc: readonly number[];
  readonly vars: readonly number[];
  readonly patches: readonly number[];
  readonly registered: readonly number[];
  /** Per list: the length field and the entry fields. */
  readonly lists: readonly { readonly length: number; readonly entries: readonly number[] }[];
  readonly cursors: readonly number[];

  constructor(g: ProcessGraph, codecs: readonly VarCodec[], eventCount: number) {
    const widths: number[] = [3, bitsFor(eventCount + 1), 1, 1];
    const add = (bits: number): number => widths.push(bits) - 1;
    this.pc = g.slots.map((s) => add(bitsFor(s.locations.length + 1)));
    this.vars = codecs.map((c) => add(bitsFor(c.size)));
    this.patches = g.patches.map(() => add(2));
    this.registered = g.handlers.map(() => add(1));
    this.lists = g.lists.map((l) => ({
      length: add(bitsFor(l.capacity + 1)),
      entries: Array.from({ length: l.capacity }, () => add(bitsFor(l.pushes.length + 1))),
    }));
    this.cursors = g.cursorLists.map((l) => add(bitsFor(g.lists[l].capacity + 1)));
    this.fields = new FieldLayout(widths);
  }

  get words(): number {
    return this.fields.words;
  }
}
