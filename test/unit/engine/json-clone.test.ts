/**
 * `jsonClone` is the JSON round trip without the text: payloads cross the sandbox boundary with
 * it, so it must give exactly what `JSON.parse(JSON.stringify(v))` gives (and throw what it throws).
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { WorkflowSandbox } from '../../../src/engine/index.js';
import fc from 'fast-check';
import { hasUndefinedArg, jsonClone, jsonCloneArgs } from '../../../src/engine/model/json-clone.js';

const basic = path.resolve(__dirname, '../../fixtures/engine/workflows/basic.ts');

function corpus(): unknown[] {
  const withProto = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as unknown;
  return [
    1, -0, NaN, Infinity, 1e21, 'text', '\ud800', true, null, [], {},
    [1, undefined, () => 1, Symbol('s'), NaN, -0], [, 1], // eslint-disable-line no-sparse-arrays
    { a: undefined, b: 2, 1: 'one', f: () => 1, nested: { m: [1, [2, [3]]] } },
    withProto, new Date(7), { toJSON: (key: string) => `key=${key}` }, [{ toJSON: (key: string) => `key=${key}` }], { k: { toJSON: (key: string) => key } },
    new Number(5), new String('s'), new Boolean(false), [new Number(1)], Object.assign(Object.create(null) as object, { q: 1 }), new Map([[1, 2]]),
    Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true }, hidden: { value: 3 } }) as object,
    { get g() { return 'got'; } }, class Local {}, new (class Point { constructor(public x = 1, public y = 2) {} })(),
  ];
}

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v) as string);
const outcome = (f: () => unknown): { text?: string; error?: string } => {
  try {
    return { text: JSON.stringify(f()) };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
};

describe('jsonClone', () => {
  test('gives what the JSON text round trip gives', () => {
    corpus().forEach((v, i) => expect(outcome(() => jsonClone(v)), `corpus[${i}]`).toEqual(outcome(() => roundTrip(v))));
  });

  test('keeps __proto__ as an own key and makes plain objects', () => {
    const o = jsonClone(JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as object);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(jsonClone([1]))).toBe(Array.prototype);
  });

  test('throws what JSON.stringify throws (cycles, BigInt, top-level undefined)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [cyclic, { n: 1n }, undefined, () => 1]) expect(outcome(() => jsonClone(v))).toEqual(outcome(() => roundTrip(v)));
  });

  test('inside the sandbox it makes values of the sandbox realm', () => {
    const sb = new WorkflowSandbox(basic);
    const v = sb.api.toSandbox({ a: [1, { b: new Date(0) }] }) as { a: unknown[] };
    expect(v instanceof Object).toBe(false); // another realm's Object
    expect(JSON.stringify(v)).toBe('{"a":[1,{"b":"1970-01-01T00:00:00.000Z"}]}');
  });

  test('an argument list is copied argument by argument: each as its own JSON round trip, undefined (and what JSON drops) kept undefined', () => {
    const arg = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(() => 1), fc.constant(Symbol('s')), fc.array(fc.oneof(fc.integer(), fc.constant(undefined))));
    fc.assert(fc.property(fc.array(arg, { maxLength: 8 }), (args) => {
      const out = jsonCloneArgs(args);
      expect(out).toHaveLength(args.length);
      for (let i = 0; i < args.length; i++) {
        const t = typeof args[i];
        if (t === 'undefined' || t === 'function' || t === 'symbol') expect(out[i]).toBeUndefined();
        else expect(out[i]).toEqual(JSON.parse(JSON.stringify(args[i])));
      }
      expect(hasUndefinedArg(args)).toBe(args.some((x) => ['undefined', 'function', 'symbol'].includes(typeof x)));
    }));
  });
});
