import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.js';
import { parseFormula } from '../../../src/logic/index.js';
import type { Arc, PetriNet, PlaceId, TransitionId } from '../../../src/petri/index.js';
import { PROMELA_RESERVED, promelaModel, writePromela } from '../../../src/tla-export/index.js';

interface T {
  name: string;
  pre?: Arc[];
  post?: Arc[];
  inhibitors?: Arc[];
}

function net(places: { name: string; initial?: number; capacity?: number; id?: string }[], transitions: T[], name = 'test'): PetriNet {
  return {
    id: name,
    name,
    places: places.map((p) => ({ id: (p.id ?? p.name) as PlaceId, name: p.name, initial: p.initial ?? 0, capacity: p.capacity })),
    transitions: transitions.map((t) => ({ id: t.name as TransitionId, name: t.name, pre: t.pre ?? [], post: t.post ?? [], inhibitors: t.inhibitors ?? [] })),
  };
}

const arc = (place: number, weight = 1): Arc => ({ place, weight });
const prop = (name: string, text: string) => ({ name, formula: parseFormula(text) });

describe('writePromela: identifiers', () => {
  it('keeps plain names and sanitises reserved words, unicode, leading digits and collisions', () => {
    const n = net(
      [
        { name: 'ready' }, { name: 'int' }, { name: 'proctype' }, { name: 'café' }, { name: '日本' }, { name: '1st' },
        { name: 'a-b' }, { name: 'a_b' }, { name: 'a b' }, { name: '_x' }, { name: 'max' }, { name: 'warmup' },
        { name: 'deadlock' }, { name: 'net' }, { name: 'int_' }, { name: 'X' }, { name: 'ready' },
      ],
      [{ name: 'do' }, { name: 'ready' }, { name: 'go!' }],
    );
    const m = promelaModel(n);
    expect(m.places).toEqual([
      'ready', 'int_', 'proctype_', 'cafe', 'p', 'p_1st',
      'a_b', 'a_b_2', 'a_b_3', 'p_x', 'max_', 'warmup_2',
      'deadlock_2', 'net_2', 'int__2', 'X_', 'ready_2',
    ]);
    expect(m.transitions).toEqual(['en_do', 'en_ready', 'en_go_']);
    // Every identifier is a valid Promela identifier, unique and not reserved.
    const all = [...m.places, ...m.transitions];
    for (const id of all) {
      expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(PROMELA_RESERVED.has(id)).toBe(false);
    }
    expect(new Set(all).size).toBe(all.length);
    // The original names are kept in comments.
    const text = m.text;
    expect(text).toContain('int int_ = 0; /* place "int" */');
    expect(text).toContain('int p = 0; /* place "日本" */');
    expect(text).toContain('int cafe = 0; /* place "café" */');
    expect(text).toContain('#define en_do (true) /* transition "do" */');
  });

  it('is deterministic and names properties in the same namespace', () => {
    const n = net([{ name: 'p' }], [{ name: 't', pre: [arc(0)] }]);
    const props = [prop('p', 'G tokens(p) <= 1'), prop('MCC-LTL-00', 'F deadlock'), prop('0', 'true'), prop('never', 'false')];
    const a = promelaModel(n, props);
    expect(a.properties).toEqual(['p_2', 'MCC_LTL_00', 'ltl_0', 'never_']);
    expect(promelaModel(n, props).text).toBe(a.text);
  });

  it('cannot be broken out of a comment by a name', () => {
    const text = writePromela(net([{ name: 'a*/b' }], []));
    expect(text).toContain('/* place "a* /b" */');
  });
});

describe('writePromela: model', () => {
  it('writes a small net (snapshot)', () => {
    const n = net(
      [{ name: 'idle', initial: 2 }, { name: 'busy' }, { name: 'done', id: 'P-done' }],
      [
        { name: 'start', pre: [arc(0)], post: [arc(1)] },
        { name: 'finish', pre: [arc(1)], post: [arc(2)] },
        { name: 'reset', pre: [arc(2, 2)], post: [arc(0, 2)], inhibitors: [arc(1)] },
      ],
      'jobs',
    );
    const text = writePromela(n, [prop('progress', 'G (fireable(start) -> F tokens(done) >= 1)'), prop('safe', 'invariant tokens(idle, busy, done) == 2')], { placeBounds: [2, 2, 2] });
    expect(text).toMatchInlineSnapshot(`
      "/* Petri net "jobs" (id "jobs"): 3 places, 3 transitions. Written by wfverify. */
      /*
       * One global per place; one d_step option per transition (a firing is one indivisible step);
       * when no transition is enabled the model stutters on the deadlocked marking forever
       * (wfverify's default 'stutter' deadlock semantics for LTL).
       * Verify with: spin -a model.pml && gcc -O2 -DNOREDUCE -o pan pan.c && ./pan -a -m1000000 -N <ltl name>
       */

      byte idle = 2; /* place "idle", at most 2 tokens */
      byte busy = 0; /* place "busy", at most 2 tokens */
      byte done = 0; /* place "done" (id "P-done"), at most 2 tokens */

      #define en_start (idle >= 1) /* transition "start" */
      #define en_finish (busy >= 1) /* transition "finish" */
      #define en_reset (done >= 2 && busy < 1) /* transition "reset" */
      #define deadlock (!en_start && !en_finish && !en_reset) /* no transition is enabled */

      active proctype net() {
        do
        :: d_step { en_start -> idle = idle - 1; busy = busy + 1 } /* start */
        :: d_step { en_finish -> busy = busy - 1; done = done + 1 } /* finish */
        :: d_step { en_reset -> idle = idle + 2; done = done - 2 } /* reset */
        :: d_step { deadlock -> skip } /* deadlock: stutter forever */
        od
      }

      /* property "progress" */
      ltl progress_ { ([] (en_start -> (<> (done >= 1)))) }
      /* property "safe" */
      ltl safe { ([] ((idle + busy + done) == 2)) }
      "
    `);
  });

  it('writes weighted and inhibitor arcs as guards and net effects', () => {
    const n = net(
      [{ name: 'a', initial: 3 }, { name: 'b' }, { name: 'c' }, { name: 'loop', initial: 1 }],
      [
        // consumes 2 from a, produces 3 in b, needs c < 2, tests loop (read arc: pre and post 1)
        { name: 'w', pre: [arc(0, 2), arc(3)], post: [arc(1, 3), arc(3)], inhibitors: [arc(2, 2)] },
        // a source transition guarded only by an inhibitor arc
        { name: 'src', post: [arc(2)], inhibitors: [arc(2)] },
      ],
    );
    const text = writePromela(n);
    expect(text).toContain('#define en_w (a >= 2 && loop >= 1 && c < 2) /* transition "w" */');
    expect(text).toContain(':: d_step { en_w -> a = a - 2; b = b + 3 } /* w */');
    expect(text).toContain('#define en_src (c < 1) /* transition "src" */');
    expect(text).toContain(':: d_step { en_src -> c = c + 1 } /* src */');
    expect(text).toContain('#define deadlock (!en_w && !en_src) /* no transition is enabled */');
    expect(text).toContain(':: d_step { deadlock -> skip } /* deadlock: stutter forever */');
  });

  it('adds capacity checks to guards and picks variable types from bounds', () => {
    const n = net(
      [{ name: 'a', initial: 1 }, { name: 'b', capacity: 2 }, { name: 'c' }, { name: 'd' }],
      [{ name: 't', pre: [arc(0)], post: [arc(1, 2), arc(2)] }],
    );
    const text = writePromela(n, [], { placeBounds: [1, undefined, 1000, undefined] });
    expect(text).toContain('byte a = 1;');
    expect(text).toContain('byte b = 0; /* place "b", at most 2 tokens */');
    expect(text).toContain('short c = 0;');
    expect(text).toContain('int d = 0;');
    expect(text).toContain('#define en_t (a >= 1 && b <= 0)');
  });

  it('writes a net without transitions as a model that only stutters', () => {
    const text = writePromela(net([{ name: 'p', initial: 1 }], []));
    expect(text).toContain('#define deadlock (true)');
    expect(text).toContain(':: d_step { deadlock -> skip }');
  });
});

describe('writePromela: LTL properties', () => {
  const n = net([{ name: 'p', initial: 1 }, { name: 'q' }], [{ name: 't', pre: [arc(0)], post: [arc(1)] }, { name: 'u', pre: [arc(1)], post: [arc(0)] }]);
  const ltl = (text: string, options = {}) => {
    const m = promelaModel(n, [prop('f', text)], options);
    return m.text.split('\n').find((l) => l.startsWith('ltl '))!;
  };

  it('translates atoms, boolean and temporal operators', () => {
    expect(ltl('G (tokens(p, q) == 1)')).toBe('ltl f { ([] ((p + q) == 1)) }');
    expect(ltl('F deadlock | fireable(t, u)')).toBe('ltl f { ((<> deadlock) || (en_t || en_u)) }');
    expect(ltl('p >= 1 U q - 1 > -2 * p')).toBe('ltl f { ((p >= 1) U ((q - 1) > ((-2) * p))) }');
    expect(ltl('!fireable(t) -> (true <-> false)')).toBe('ltl f { (!(en_t) -> (true <-> false)) }');
    expect(ltl('A (p >= 1 R q >= 1)')).toBe('ltl f { ((p >= 1) V (q >= 1)) }');
    expect(ltl('p >= 1 W q >= 1')).toBe('ltl f { ((q >= 1) V ((p >= 1) || (q >= 1))) }');
    expect(ltl('invariant tokens(p) <= 1')).toBe('ltl f { ([] (p <= 1)) }');
  });

  it('writes X by evaluating the property late, over remembered markings', () => {
    const m = promelaModel(n, [prop('f', 'X q >= 1'), prop('g', 'G (fireable(t) -> X X (p >= 1 | deadlock))'), prop('h', 'F q >= 1')]);
    expect(m.delay).toBe(2);
    // Only what an atom under X needs is remembered: p for two steps, q not at all.
    expect(m.text).toContain('int p_ago1 = 1; /* p 1 step ago */');
    expect(m.text).toContain('int p_ago2 = 1; /* p 2 steps ago */');
    expect(m.text).not.toContain('q_ago');
    expect(m.text).toContain('byte warmup = 0; /* steps taken, up to 3 */');
    const remember = 'p_ago2 = p_ago1; p_ago1 = p; warmup = (warmup <= 2 -> warmup + 1 : warmup)';
    expect(m.text).toContain(`:: d_step { en_t -> ${remember}; p = p - 1; q = q + 1 } /* t */`);
    expect(m.text).toContain(`:: d_step { deadlock -> ${remember} } /* deadlock: stutter forever */`);
    const ltlLines = m.text.split('\n').filter((l) => l.startsWith('ltl '));
    // X q >= 1: one step late, q read as it is now (0 steps ago).
    expect(ltlLines[0]).toBe('ltl f { ([] ((warmup == 1) -> (q >= 1))) }');
    // Atoms outside X read 2 steps ago, atoms under X X read now.
    expect(ltlLines[1]).toBe('ltl g { ([] ((warmup == 2) -> ([] ((p_ago2 >= 1) -> ((p >= 1) || deadlock))))) }');
    // Without X: no delay.
    expect(ltlLines[2]).toBe('ltl h { (<> (q >= 1)) }');
    // deadlock and fireable in the past are written out.
    expect(ltl('X !deadlock & fireable(u)')).toBe('ltl f { ([] ((warmup == 1) -> (!(deadlock) && (q_ago1 >= 1)))) }');
    expect(ltl('fireable(u) U X deadlock')).toBe('ltl f { ([] ((warmup == 1) -> ((q_ago1 >= 1) U deadlock))) }');
    expect(ltl('G (X deadlock -> deadlock)')).toBe('ltl f { ([] ((warmup == 1) -> ([] (deadlock -> (!(p_ago1 >= 1) && !(q_ago1 >= 1)))))) }');
  });

  it('writes X natively on request', () => {
    const native = promelaModel(n, [prop('f', 'X q >= 1')], { next: 'native' });
    expect(native.delay).toBe(0);
    expect(native.text).not.toContain('warmup');
    expect(native.text).not.toContain('_ago');
    expect(native.text).toContain('ltl f { (X (q >= 1)) }');
    // No X anywhere: nothing remembered.
    expect(promelaModel(n, [prop('f', 'G F q >= 1')]).text).not.toContain('warmup');
  });

  it('rejects what SPIN ltl blocks cannot express and unknown names', () => {
    const bad = (text: string, code: string, message: RegExp) => {
      try {
        promelaModel(n, [prop('bad', text)]);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).code).toBe(code);
        expect((e as InputError).message).toMatch(message);
        return;
      }
      throw new Error(`no error for ${text}`);
    };
    bad('E F q >= 1', 'WFV2004', /E φ has no SPIN ltl counterpart/);
    bad('AG EF q >= 1', 'WFV2004', /path quantifier below the top/);
    bad('<<a>> F q >= 1', 'WFV2004', /coalition/);
    bad('G tokens(nope) >= 1', 'WFV2002', /unknown place 'nope'/);
    bad('F fireable(nope)', 'WFV2002', /unknown transition 'nope'/);
    bad('F done', 'WFV2002', /unknown atom 'done'/);
  });

  it('looks places and transitions up by id first, then by name', () => {
    const m = net([{ name: 'shown', id: 'P1' }, { name: 'P1', id: 'P2' }], []);
    expect(promelaModel(m, [prop('f', 'G tokens(P1) == tokens(shown)')]).text).toContain('ltl f { ([] (shown == shown)) }');
  });
});
