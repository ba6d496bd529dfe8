/**
 * `jsonClone(v)`: the value `JSON.parse(JSON.stringify(v))` gives, without the text in between.
 *
 * Payloads cross between the host and the sandbox realm (and into history) as JSON values: an
 * activity result, workflow arguments, command arguments. The text round trip was a large share
 * of a workflow task; this clone walks the value once and builds the copy directly, in the realm
 * of the code that calls it (the module is loaded both on the host and inside the sandbox).
 *
 * Contract: the result equals the text round trip's, value for value — `toJSON(key)` is called
 * (once per occurrence, with the same key), boxed primitives are unwrapped, non-finite numbers
 * become `null`, `-0` becomes `0`, `undefined` / functions / symbols are dropped from objects and
 * become `null` in arrays, `__proto__` stays an own property, and own enumerable string keys are
 * copied in `Object.keys` order. If the value cannot be serialised (a cycle, a BigInt) or is
 * `undefined` at top level, `JSON.stringify` itself is run on it so that the error (or result) is
 * exactly the one the round trip gave.
 */

const MAX_DEPTH = 1000;
// Captured at load: workflow code shares the sandbox's globals and must not be able to change the clone.
const { getPrototypeOf, defineProperty, hasOwn } = Object;
const { isArray } = Array;
const { isFinite } = Number;
const { call } = Function.prototype;
const numberValue = call.bind(Number.prototype.valueOf) as (v: object) => number;
const stringValue = call.bind(String.prototype.valueOf) as (v: object) => string;
const booleanValue = call.bind(Boolean.prototype.valueOf) as (v: object) => boolean;
const bigintValue = call.bind(BigInt.prototype.valueOf) as (v: object) => bigint;
const { parse, stringify } = JSON;

/** thrown inside the walk to hand the value to JSON.stringify */
const NOT_JSON = { notJson: true };

/** Returns the JSON round trip of `v` (throws what `JSON.parse(JSON.stringify(v))` throws). */
export function jsonClone<T>(v: T): T {
  try {
    const out = walk(v, '', 0);
    if (out !== undefined) return out as T;
  } catch (err) {
    if (err !== NOT_JSON) throw err;
  }
  // The rare paths: let the real thing produce its result or its exact error.
  return parse(stringify(v) as string) as T;
}

/**
 * The copy of an argument list as Temporal sends one: each argument is a payload of its own, so
 * each is `jsonClone`d alone and an argument that is `undefined` (or a function or symbol, which
 * JSON drops) stays `undefined` — where the JSON of the whole list would make it `null`.
 */
export function jsonCloneArgs(args: readonly unknown[]): unknown[] {
  const n = args.length;
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = isUndefinedArg(args[i]) ? undefined : jsonClone(args[i]);
  return out;
}

/** True for an argument that is `undefined` as a payload: `undefined`, or what JSON drops (a function, a symbol). */
export function isUndefinedArg(x: unknown): boolean {
  const t = typeof x;
  return t === 'undefined' || t === 'function' || t === 'symbol';
}

/** True if the argument list `args` has an argument that `jsonClone` of the whole list would make `null`. */
export function hasUndefinedArg(args: unknown): boolean {
  if (!isArray(args)) return false;
  for (let i = 0; i < args.length; i++) if (isUndefinedArg(args[i])) return true;
  return false;
}

function walk(v: unknown, key: string, depth: number): unknown {
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = toJSON.call(v, key);
  }
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'object':
      if (v === null) return null;
      if (depth > MAX_DEPTH) throw NOT_JSON; // probably a cycle: let JSON.stringify report it
      return walkObject(v, depth);
    case 'bigint':
      throw NOT_JSON;
    default:
      return undefined; // undefined, function, symbol
  }
}

function walkObject(v: object, depth: number): unknown {
  if (isArray(v)) {
    const n = v.length;
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const x = walk(v[i], String(i), depth + 1);
      out.push(x === undefined ? null : x);
    }
    return out;
  }
  const proto = getPrototypeOf(v) as object | null;
  if (proto !== null && getPrototypeOf(proto) !== null) {
    const boxed = unbox(v);
    if (boxed !== v) return walk(boxed, '', depth); // a primitive (or a BigInt, which throws)
  }
  const out: Record<string, unknown> = {};
  // `for…in` over own keys visits what `Object.keys` lists, in the same order, without an array.
  for (const k in v) {
    if (!hasOwn(v, k)) continue;
    const x = walk((v as Record<string, unknown>)[k], k, depth + 1);
    if (x === undefined) continue;
    if (k === '__proto__') defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

/** The primitive of a Number, String, Boolean or BigInt object (checked by internal slot, any realm); else `v`. */
function unbox(v: object): unknown {
  try { numberValue(v); return Number(v); } catch { /* not a Number object */ }
  try { stringValue(v); return String(v); } catch { /* not a String object */ }
  try { return booleanValue(v); } catch { /* not a Boolean object */ }
  try { return bigintValue(v); } catch { /* not a BigInt object */ }
  return v;
}
