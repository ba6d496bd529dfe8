/**
 * Bit-packing of markings: each place gets a field of 1, 2, 4, 8, 16 or 32 bits in a vector of
 * 32-bit words. Fields are laid out widest first, so no field straddles a word boundary.
 * A 32-bit field holds at most 2^31-1 tokens (markings are read as signed 32-bit integers).
 */

const WIDTHS = [1, 2, 4, 8, 16, 32] as const;
/** Largest token count wfverify stores in one place. */
export const MAX_TOKENS = 0x7fffffff;

export class MarkingLayout {
  /** Bit width of each place's field. */
  readonly widths: Int32Array;
  /** Word index of each place's field. */
  readonly word: Int32Array;
  /** Bit offset of each place's field within its word. */
  readonly shift: Int32Array;
  /** Field mask (before shifting); -1 for 32-bit fields. */
  readonly mask: Int32Array;
  /** Largest value each field can hold. */
  readonly max: Float64Array;
  /** Number of words per packed marking. */
  readonly words: number;
  /** Places packed in each word, in layout order. */
  readonly placesOfWord: readonly Int32Array[];

  constructor(widths: readonly number[]) {
    const n = widths.length;
    this.widths = Int32Array.from(widths);
    this.word = new Int32Array(n);
    this.shift = new Int32Array(n);
    this.mask = new Int32Array(n);
    this.max = new Float64Array(n);
    const order = [...widths.keys()].sort((a, b) => widths[b] - widths[a] || a - b);
    let bit = 0;
    for (const p of order) {
      const w = widths[p];
      if (!WIDTHS.includes(w as (typeof WIDTHS)[number])) throw new RangeError(`invalid field width ${w}`);
      this.word[p] = bit >>> 5;
      this.shift[p] = bit & 31;
      this.mask[p] = w === 32 ? -1 : (1 << w) - 1;
      this.max[p] = w === 32 ? MAX_TOKENS : (1 << w) - 1;
      bit += w;
    }
    this.words = Math.max(1, Math.ceil(bit / 32));
    const lists: number[][] = Array.from({ length: this.words }, () => []);
    for (const p of order) lists[this.word[p]].push(p);
    this.placesOfWord = lists.map((l) => Int32Array.from(l));
  }

  /** The smallest field width holding `value`. */
  static widthFor(value: number): number {
    for (const w of WIDTHS) if (value <= (w === 32 ? MAX_TOKENS : (1 << w) - 1)) return w;
    return 64; // beyond support; callers report it
  }

  /** Reads place `p` of the marking packed at `words[offset…]`. */
  read(words: Uint32Array, offset: number, p: number): number {
    return (words[offset + this.word[p]] >>> this.shift[p]) & this.mask[p];
  }

  /** Writes `value` (which must fit) into place `p` of the marking packed at `words[offset…]`. */
  write(words: Uint32Array, offset: number, p: number, value: number): void {
    const i = offset + this.word[p];
    const s = this.shift[p];
    words[i] = (words[i] & ~(this.mask[p] << s)) | (value << s);
  }

  /** Packs a marking given as token counts per place. */
  pack(marking: readonly number[]): Uint32Array {
    const out = new Uint32Array(this.words);
    for (let p = 0; p < marking.length; p++) this.write(out, 0, p, marking[p]);
    return out;
  }

  /** Unpacks a marking into token counts per place. */
  unpack(words: Uint32Array, offset = 0): number[] {
    const m = new Array<number>(this.widths.length);
    for (let p = 0; p < m.length; p++) m[p] = this.read(words, offset, p);
    return m;
  }
}
