/**
 * State sets as `Uint8Array`s (one byte per state, 0 or 1): simple, cache-friendly and cheap to
 * combine for the graph sizes wfverify explores (a million states is a megabyte per set).
 * Every helper returns a fresh array and runs in O(states).
 */
import type { StateLabel } from './types.js';

export type Bits = Uint8Array;

export function fromPredicate(n: number, pred: StateLabel): Bits {
  const out = new Uint8Array(n);
  for (let s = 0; s < n; s++) if (pred(s)) out[s] = 1;
  return out;
}

export function constant(n: number, value: boolean): Bits {
  return value ? new Uint8Array(n).fill(1) : new Uint8Array(n);
}

export function not(a: Bits): Bits {
  const out = new Uint8Array(a.length);
  for (let s = 0; s < a.length; s++) out[s] = a[s] ^ 1;
  return out;
}

export function and(a: Bits, b: Bits): Bits {
  const out = new Uint8Array(a.length);
  for (let s = 0; s < a.length; s++) out[s] = a[s] & b[s];
  return out;
}

export function or(a: Bits, b: Bits): Bits {
  const out = new Uint8Array(a.length);
  for (let s = 0; s < a.length; s++) out[s] = a[s] | b[s];
  return out;
}

export function implies(a: Bits, b: Bits): Bits {
  const out = new Uint8Array(a.length);
  for (let s = 0; s < a.length; s++) out[s] = (a[s] ^ 1) | b[s];
  return out;
}

export function iff(a: Bits, b: Bits): Bits {
  const out = new Uint8Array(a.length);
  for (let s = 0; s < a.length; s++) out[s] = (a[s] ^ b[s]) ^ 1;
  return out;
}

/** `a ∧ b`, or `a` itself when `b` is undefined (an absent fair set means "all states"). */
export function andMaybe(a: Bits, b: Bits | undefined): Bits {
  return b === undefined ? a : and(a, b);
}

/** The members of `a` among `ids` (keeps order). */
export function membersOf(a: Bits, ids: readonly number[]): number[] {
  return ids.filter((s) => a[s] === 1);
}
