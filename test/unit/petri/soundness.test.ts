/**
 * Classical workflow-net soundness (checkSoundness): the pm4py nets of the shared corpus with
 * their published verdicts (corpus README: figure_4_15 SOUND with initial place p_1 and final
 * place p_7; figure_4_2 NOT SOUND — final marking unreachable, dead transitions t_2, t_3, t_4,
 * t_7, t_8; running-example SOUND), and hand-made nets for each failing condition.
 * When the corpus is missing the corpus tests fail with a message saying so (they never skip).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../../src/core/trace.js';
import type { PetriNet, PlaceId, TransitionId } from '../../../src/petri/net.js';
import { readPnmlFile } from '../../../src/petri/pnml/read.js';
import { checkSoundness, type SoundnessCondition, type SoundnessReport } from '../../../src/petri/soundness.js';

const PM4PY = fileURLToPath(new URL('../../../../shared/corpus/workflow-nets/pm4py/', import.meta.url));

/** Reads a corpus net; fails (never skips) when the corpus is absent. */
async function corpusNet(file: string): Promise<PetriNet> {
  const path = `${PM4PY}${file}`;
  if (!existsSync(path)) throw new Error(`test corpus file missing: ${path} (expected the shared corpus at ../shared/corpus next to the project)`);
  return readPnmlFile(path);
}

type Weights = Record<string, number>;

/** A net from place names and transitions [name, inputs, outputs, inhibitors?] (all by place name). */
function net(places: string[], transitions: [string, Weights, Weights, Weights?][]): PetriNet {
  const index = (p: string): number => {
    const i = places.indexOf(p);
    if (i < 0) throw new Error(`unknown place ${p}`);
    return i;
  };
  const arcs = (w: Weights = {}) =>
    Object.entries(w)
      .map(([p, weight]) => ({ place: index(p), weight }))
      .sort((a, b) => a.place - b.place);
  return {
    id: 'hand',
    name: 'hand',
    places: places.map((p) => ({ id: p as PlaceId, name: p, initial: 0 })),
    transitions: transitions.map(([name, pre, post, inh]) => ({ id: name as TransitionId, name, pre: arcs(pre), post: arcs(post), inhibitors: arcs(inh) })),
  };
}

const conditions = (r: SoundnessReport): SoundnessCondition[] => r.failures.map((f) => f.condition);

function failure(r: SoundnessReport, c: SoundnessCondition) {
  const f = r.failures.find((x) => x.condition === c);
  if (f === undefined) throw new Error(`no ${c} failure; failures: ${JSON.stringify(r.failures.map((x) => [x.condition, x.explanation]))}`);
  return f;
}

/** The marking (by place name) at the end of a failure's trace, replayed on the report's system. */
function traceEnd(r: SoundnessReport, c: SoundnessCondition, n: PetriNet): Record<string, number> {
  const f = failure(r, c);
  if (f.trace === undefined || r.system === undefined) throw new Error(`${c} failure without a trace`);
  const states = replayTrace(r.system, f.trace);
  const m = r.system.layout.unpack(states[states.length - 1], 0);
  return Object.fromEntries(n.places.map((p, i) => [p.name, m[i]]).filter(([, v]) => v !== 0));
}

/** Dead transitions listed in the no-dead-transitions explanation, mapped from names to PNML ids. */
function deadTransitionIds(r: SoundnessReport, n: PetriNet): string[] {
  const text = failure(r, 'no-dead-transitions').explanation;
  const m = /dead transitions: (.*)$/.exec(text);
  if (m === null) throw new Error(`unexpected explanation: ${text}`);
  return m[1].split(', ').map((name) => {
    const t = n.transitions.find((x) => x.name === name);
    if (t === undefined) throw new Error(`explanation names an unknown transition '${name}'`);
    return t.id;
  });
}

describe('pm4py workflow nets (corpus verdicts)', () => {
  it('figure_4_15.pnml is SOUND, with initial place p_1 and final place p_7', async () => {
    // Arrange
    const n = await corpusNet('figure_4_15.pnml');

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.failures).toEqual([]);
    expect(r.sound).toBe(true);
    if (!r.shape.ok) throw new Error(`not recognised as a workflow net: ${r.shape.reason}`);
    expect(n.places[r.shape.source].id).toBe('p_1');
    expect(n.places[r.shape.sink].id).toBe('p_7');
    expect(r.exploration?.status).toBe('complete');
  });

  it('figure_4_2.pnml is NOT SOUND: final marking [p_2] unreachable, dead transitions exactly t_2, t_3, t_4, t_7, t_8', async () => {
    // Arrange
    const n = await corpusNet('figure_4_2.pnml');

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.sound).toBe(false);
    expect(conditions(r)).toContain('option-to-complete');
    expect(failure(r, 'option-to-complete').explanation).toMatch(/final marking \[p_2\] is unreachable/);
    expect(conditions(r)).toContain('no-dead-transitions');
    // The explanation uses names; here names and PNML ids coincide (t_k), both are checked.
    expect(deadTransitionIds(r, n).sort()).toEqual(['t_2', 't_3', 't_4', 't_7', 't_8']);
    expect(n.transitions.filter((t) => ['t_2', 't_3', 't_4', 't_7', 't_8'].includes(t.id)).map((t) => t.name).sort()).toEqual(['t_2', 't_3', 't_4', 't_7', 't_8']);
  });

  it('running-example.pnml is SOUND', async () => {
    // Arrange
    const n = await corpusNet('running-example.pnml');

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.failures).toEqual([]);
    expect(r.sound).toBe(true);
    if (!r.shape.ok) throw new Error(`not recognised as a workflow net: ${r.shape.reason}`);
    expect(n.places[r.shape.source].name).toBe('source 45');
    expect(n.places[r.shape.sink].name).toBe('sink 46');
  });
});

describe('hand-made workflow nets', () => {
  it('an AND-split/join net is sound, with its 6 reachable markings', () => {
    // Arrange
    const n = net(['i', 'a', 'b', 'c', 'd', 'o'], [
      ['split', { i: 1 }, { a: 1, b: 1 }],
      ['left', { a: 1 }, { c: 1 }],
      ['right', { b: 1 }, { d: 1 }],
      ['join', { c: 1, d: 1 }, { o: 1 }],
    ]);

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.failures).toEqual([]);
    expect(r.sound).toBe(true);
    expect(r.exploration?.stats.states).toBe(6);
  });

  it('two source places: not a workflow net', () => {
    // Arrange
    const n = net(['i1', 'i2', 'o'], [['t', { i1: 1, i2: 1 }, { o: 1 }]]);

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.sound).toBe(false);
    expect(r.shape.ok).toBe(false);
    expect(conditions(r)).toEqual(['workflow-net']);
    expect(r.failures[0].explanation).toMatch(/2 source places: i1, i2/);
  });

  it('a transition without input place: not a workflow net', () => {
    // Arrange
    const n = net(['i', 'o'], [
      ['t', { i: 1 }, { o: 1 }],
      ['spawn', {}, { o: 1 }],
    ]);

    // Act
    const r = checkSoundness(n);

    // Assert: the structural failure comes first; with a unique source and sink the behaviour
    // from [i] is diagnosed too (here: `spawn` pumps tokens into o, so the net is unbounded).
    expect(r.sound).toBe(false);
    expect(conditions(r)).toEqual(['workflow-net', 'bounded']);
  });

  it('an unbounded workflow net is unsound (condition bounded), with a pumping trace', () => {
    // Arrange: `pump` puts a token in b every time it fires and keeps a.
    const n = net(['i', 'a', 'b', 'o'], [
      ['start', { i: 1 }, { a: 1 }],
      ['pump', { a: 1 }, { a: 1, b: 1 }],
      ['finish', { a: 1 }, { o: 1 }],
      ['drain', { b: 1 }, { o: 1 }],
    ]);

    // Act
    const r = checkSoundness(n, { bounds: { maxStates: 100_000 } });

    // Assert
    expect(r.sound).toBe(false);
    expect(conditions(r)).toEqual(['bounded']);
    // The last marking of the trace strictly covers an earlier one on it.
    const f = failure(r, 'bounded');
    if (f.trace === undefined || r.system === undefined) throw new Error('no trace');
    const system = r.system;
    const ms = replayTrace(system, f.trace).map((s) => system.layout.unpack(s, 0));
    const last = ms[ms.length - 1];
    const covered = ms.slice(0, -1).some((m) => m.every((v, p) => v <= last[p]) && m.some((v, p) => v < last[p]));
    expect(covered).toBe(true);
  });

  it('an unbounded workflow net with an inhibitor arc ends inconclusive under a state bound (never sound)', () => {
    // Arrange: as above, but pump is inhibited by o (always empty before the end).
    const n = net(['i', 'a', 'b', 'o'], [
      ['start', { i: 1 }, { a: 1 }],
      ['pump', { a: 1 }, { a: 1, b: 1 }, { o: 1 }],
      ['finish', { a: 1 }, { o: 1 }],
      ['drain', { b: 1 }, { o: 1 }],
    ]);

    // Act
    const r = checkSoundness(n, { bounds: { maxStates: 2000 } });

    // Assert
    expect(r.sound).toBeUndefined();
    expect(r.inconclusive).toMatch(/bounded/);
  });

  it('proper completion violated: a token reaches o while another is still in the net', () => {
    // Arrange: an AND-split whose branches both end in o.
    const n = net(['i', 'a', 'b', 'o'], [
      ['split', { i: 1 }, { a: 1, b: 1 }],
      ['left', { a: 1 }, { o: 1 }],
      ['right', { b: 1 }, { o: 1 }],
    ]);

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.sound).toBe(false);
    expect(conditions(r)).toContain('proper-completion');
    const end = traceEnd(r, 'proper-completion', n);
    expect(end.o).toBeGreaterThanOrEqual(1);
    expect(end).not.toEqual({ o: 1 });
  });

  it('option to complete violated on a bounded net: a marking from which [o] cannot be reached', () => {
    // Arrange: from a, `detour` leads to c, which needs d (only produced on another branch).
    const n = net(['i', 'a', 'c', 'd', 'o'], [
      ['begin', { i: 1 }, { a: 1 }],
      ['other', { i: 1 }, { d: 1 }],
      ['finish', { a: 1 }, { o: 1 }],
      ['detour', { a: 1 }, { c: 1 }],
      ['meet', { c: 1, d: 1 }, { o: 1 }],
    ]);

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.sound).toBe(false);
    expect(conditions(r)).toContain('option-to-complete');
    expect(failure(r, 'option-to-complete').explanation).toMatch(/cannot be reached/);
    const end = traceEnd(r, 'option-to-complete', n);
    expect([{ c: 1 }, { d: 1 }]).toContainEqual(end);
    expect(deadTransitionIds(r, n)).toEqual(['meet']);
  });

  it('a dead transition (needs two tokens in a, which never holds more than one) is the only failure', () => {
    // Arrange
    const n = net(['i', 'a', 'o'], [
      ['t1', { i: 1 }, { a: 1 }],
      ['t2', { a: 1 }, { o: 1 }],
      ['t3', { a: 2 }, { o: 1 }],
    ]);

    // Act
    const r = checkSoundness(n);

    // Assert
    expect(r.sound).toBe(false);
    expect(conditions(r)).toEqual(['no-dead-transitions']);
    expect(deadTransitionIds(r, n)).toEqual(['t3']);
  });
});
