/**
 * Workflow values in TLA+ (src/tla-export/tla/values.ts): `undefined` is a sentinel of each
 * nullable variable's own type, never a model value, so Apalache can type every variable and TLC
 * never compares values of different kinds.
 */
import { describe, expect, it } from 'vitest';
import type { Domain, VarDecl } from '../../../src/extract/index.js';
import { apalacheType, equalsValue, tlaDomain, tlaUndefined, tlaValue, varValues } from '../../../src/tla-export/tla/values.js';

const decl = (domain: Domain, nullable: boolean): VarDecl => ({
  id: 'v1_x', name: 'x', domain, nullable, init: { kind: 'const', value: null }, span: { file: 'w.ts', line: 1, column: 1 } as VarDecl['span'],
});

describe('TLA+ values of workflow variables', () => {
  it('enums: strings; undefined is a string that is not a member', () => {
    const d = decl({ kind: 'enum', values: ['a', 'undefined'] }, true);
    expect(tlaUndefined(d)).toBe('"undefined_2"');
    expect(tlaDomain(d)).toBe('({"a", "undefined"} \\cup {"undefined_2"})');
    expect(varValues(d).map((v) => tlaValue(v, d))).toEqual(['"a"', '"undefined"', '"undefined_2"']);
    expect(apalacheType(d)).toBe('Str');
  });

  it('integers: undefined is one below the range', () => {
    const d = decl({ kind: 'int', min: -2, max: 3 }, true);
    expect(tlaUndefined(d)).toBe('(-3)');
    expect(tlaDomain(d)).toBe('((-2)..3 \\cup {(-3)})');
    expect(apalacheType(d)).toBe('Int');
    expect(tlaDomain(decl({ kind: 'int', min: 0, max: 2 }, false))).toBe('0..2');
  });

  it('booleans: plain ones are Bool; nullable ones become strings', () => {
    const plain = decl({ kind: 'bool' }, false);
    expect(tlaDomain(plain)).toBe('BOOLEAN');
    expect(equalsValue('x', true, plain)).toBe('x');
    expect(equalsValue('x', false, plain)).toBe('~x');
    const nullable = decl({ kind: 'bool' }, true);
    expect(apalacheType(nullable)).toBe('Str');
    expect(tlaDomain(nullable)).toBe('{"false", "true", "undefined"}');
    expect(equalsValue('x', true, nullable)).toBe('x = "true"');
    expect(() => tlaValue(null, plain)).toThrow(/non-nullable/);
  });
});
