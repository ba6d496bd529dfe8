/**
 * LTL formulas in negation normal form (NNF), hash-consed and simplified on construction.
 *
 * The translator works on this small language, not on the parser's AST:
 * `tt`, `ff`, literals over numbered atoms (`a3` / `!a3`), n-ary `and`/`or`, strong next `X`,
 * weak next `XW`, until `U` and release `R`. `F a = tt U a`, `G a = ff R a`,
 * `a W b = b R (a ∨ b)`. Negation is pushed to the literals while converting from the AST
 * (`atoms.ts`: `¬X a = XW ¬a`, `¬(a U b) = ¬a R ¬b`, `¬(a W b) = ¬b U (¬a ∧ ¬b)`).
 *
 * Contracts:
 * - Every node is created through one {@link LtlFactory} and is unique: structurally equal nodes
 *   are the same object (compare with `===` or by `id`). `and`/`or` operands are flattened,
 *   deduplicated and sorted by id, so conjunctions of the same set are one node.
 * - Simplifications preserve meaning on infinite words and, when the factory is `finite`, also
 *   on finite maximal paths read with a strong `X` (LTLf): rules that hold only on infinite words
 *   (`X tt = tt`, `X a = XW a`, `F G F a = G F a`, `X` over suffix-invariant formulas) are applied
 *   only when `finite` is false.
 * - Construction of a node costs O(size of its direct operands) plus a hash-map lookup.
 */

export type LtlNode =
  | { readonly id: number; readonly kind: 'tt' | 'ff' }
  | { readonly id: number; readonly kind: 'lit'; readonly atom: number; readonly neg: boolean }
  | { readonly id: number; readonly kind: 'and' | 'or'; readonly args: readonly LtlNode[] }
  | { readonly id: number; readonly kind: 'X' | 'XW'; readonly arg: LtlNode }
  | { readonly id: number; readonly kind: 'U' | 'R'; readonly left: LtlNode; readonly right: LtlNode };

type Until = Extract<LtlNode, { kind: 'U' | 'R' }>;

export class LtlFactory {
  /** True when formulas are also read on finite maximal paths (strong `X`); see the module doc. */
  readonly finite: boolean;
  readonly tt: LtlNode;
  readonly ff: LtlNode;
  private readonly table = new Map<string, LtlNode>();
  private nextId = 0;

  constructor(finite = false) {
    this.finite = finite;
    this.tt = this.intern('tt', (id) => ({ id, kind: 'tt' }));
    this.ff = this.intern('ff', (id) => ({ id, kind: 'ff' }));
  }

  lit(atom: number, neg: boolean): LtlNode {
    return this.intern(`${neg ? '!' : ''}a${atom}`, (id) => ({ id, kind: 'lit', atom, neg }));
  }

  and(args: readonly LtlNode[]): LtlNode {
    return this.junction('and', args);
  }

  or(args: readonly LtlNode[]): LtlNode {
    return this.junction('or', args);
  }

  /** Strong next: `X a` (false at the last position of a finite path). */
  next(a: LtlNode): LtlNode {
    if (a.kind === 'ff') return a;
    if (!this.finite) {
      if (a.kind === 'tt' || isSuffixInvariant(a)) return a;
    }
    return this.intern(`X ${a.id}`, (id) => ({ id, kind: 'X', arg: a }));
  }

  /** Weak next: `XW a` (true at the last position of a finite path; `X` on infinite words). */
  weakNext(a: LtlNode): LtlNode {
    if (!this.finite) return this.next(a);
    if (a.kind === 'tt') return a;
    return this.intern(`XW ${a.id}`, (id) => ({ id, kind: 'XW', arg: a }));
  }

  until(l: LtlNode, r: LtlNode): LtlNode {
    if (r.kind === 'tt' || r.kind === 'ff' || l.kind === 'ff' || l === r) return r;
    if (r.kind === 'U' && r.left === l) return r; // a U (a U b) = a U b; F F b = F b
    if (!this.finite && l.kind === 'tt' && isGF(r)) return r; // F G F b = G F b
    return this.intern(`U ${l.id} ${r.id}`, (id) => ({ id, kind: 'U', left: l, right: r }));
  }

  release(l: LtlNode, r: LtlNode): LtlNode {
    if (r.kind === 'tt' || r.kind === 'ff' || l.kind === 'tt' || l === r) return r;
    if (r.kind === 'R' && r.left === l) return r; // a R (a R b) = a R b; G G b = G b
    if (!this.finite && l.kind === 'ff' && isFG(r)) return r; // G F G b = F G b
    return this.intern(`R ${l.id} ${r.id}`, (id) => ({ id, kind: 'R', left: l, right: r }));
  }

  eventually(a: LtlNode): LtlNode {
    return this.until(this.tt, a);
  }

  globally(a: LtlNode): LtlNode {
    return this.release(this.ff, a);
  }

  /** `l W r = r R (l ∨ r)`. */
  weakUntil(l: LtlNode, r: LtlNode): LtlNode {
    return this.release(r, this.or([l, r]));
  }

  /**
   * Flattens, drops neutral elements, deduplicates and sorts operands; detects complementary
   * literals; absorbs operands implied by (`and`) or implying (`or`) another one:
   * `a R b ⇒ b` and `b ⇒ a U b`, so `G b ∧ b = G b`, `b ∧ (a U b) = b`, `b ∨ F b = F b`,
   * `b ∨ (a R b) = b`. Every absorption is justified by an operand that stays or is itself
   * absorbed by a smaller subformula, so removing them together is sound.
   */
  private junction(kind: 'and' | 'or', args: readonly LtlNode[]): LtlNode {
    const unit = kind === 'and' ? this.tt : this.ff;
    const zero = kind === 'and' ? this.ff : this.tt;
    const seen = new Map<number, LtlNode>();
    const add = (a: LtlNode): boolean => {
      if (a === zero) return false;
      if (a === unit) return true;
      if (a.kind === kind) return a.args.every(add);
      seen.set(a.id, a);
      return true;
    };
    if (!args.every(add)) return zero;
    const lits = new Set<string>();
    for (const a of seen.values()) {
      if (a.kind !== 'lit') continue;
      if (lits.has(`${a.neg ? '' : '!'}${a.atom}`)) return zero;
      lits.add(`${a.neg ? '!' : ''}${a.atom}`);
    }
    // In `and`, an R-node implies its right operand; in `or`, a U-node is implied by its right one.
    const strong: Until['kind'] = kind === 'and' ? 'R' : 'U';
    const weak: Until['kind'] = kind === 'and' ? 'U' : 'R';
    const absorbed = new Set<number>();
    for (const a of seen.values()) {
      if (a.kind === strong && seen.has(a.right.id)) absorbed.add(a.right.id);
      if (a.kind === weak && seen.has(a.right.id)) absorbed.add(a.id);
    }
    const kept = [...seen.values()].filter((a) => !absorbed.has(a.id)).sort((a, b) => a.id - b.id);
    if (kept.length === 0) return unit;
    if (kept.length === 1) return kept[0];
    return this.intern(`${kind} ${kept.map((a) => a.id).join(' ')}`, (id) => ({ id, kind, args: kept }));
  }

  private intern(key: string, make: (id: number) => LtlNode): LtlNode {
    let n = this.table.get(key);
    if (n === undefined) {
      n = make(this.nextId++);
      this.table.set(key, n);
    }
    return n;
  }
}

/** `G F a` (`ff R (tt U a)`). */
function isGF(f: LtlNode): boolean {
  return f.kind === 'R' && f.left.kind === 'ff' && f.right.kind === 'U' && f.right.left.kind === 'tt';
}

/** `F G a` (`tt U (ff R a)`). */
function isFG(f: LtlNode): boolean {
  return f.kind === 'U' && f.left.kind === 'tt' && f.right.kind === 'R' && f.right.left.kind === 'ff';
}

/** `G F a` or `F G a`: on infinite words their truth does not depend on a finite prefix. */
function isSuffixInvariant(f: LtlNode): boolean {
  return isGF(f) || isFG(f);
}

/** Renders a node for humans and tests: `F`/`G` are shown as such, atoms as `a0`, `a1`, … */
export function printLtl(f: LtlNode): string {
  switch (f.kind) {
    case 'tt': return 'true';
    case 'ff': return 'false';
    case 'lit': return `${f.neg ? '!' : ''}a${f.atom}`;
    case 'and': return `(${f.args.map(printLtl).join(' & ')})`;
    case 'or': return `(${f.args.map(printLtl).join(' | ')})`;
    case 'X': return `X ${printLtl(f.arg)}`;
    case 'XW': return `XW ${printLtl(f.arg)}`;
    case 'U': return f.left.kind === 'tt' ? `F ${printLtl(f.right)}` : `(${printLtl(f.left)} U ${printLtl(f.right)})`;
    case 'R': return f.left.kind === 'ff' ? `G ${printLtl(f.right)}` : `(${printLtl(f.left)} R ${printLtl(f.right)})`;
  }
}
