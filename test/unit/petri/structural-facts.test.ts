import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PetriNet, PlaceId, TransitionId } from '../../../src/petri/net.js';
import { readPnmlFile } from '../../../src/petri/pnml/read.js';
import { structuralFacts, type StructuralFacts } from '../../../src/petri/structural/facts.js';
import { placeBoundsFromSemiflows, pSemiflows, semiflowChecker } from '../../../src/petri/structural/semiflows.js';

const MCC = fileURLToPath(new URL('../../../../shared/corpus/mcc/', import.meta.url));

type Arcs = Record<number, number>;
function makeNet(places: number, transitions: { pre?: Arcs; post?: Arcs; inh?: Arcs }[]): PetriNet {
  const arcs = (a: Arcs = {}) => Object.entries(a).map(([p, w]) => ({ place: Number(p), weight: w }));
  return {
    id: 'n',
    name: 'n',
    places: Array.from({ length: places }, (_, i) => ({ id: `p${i}` as PlaceId, name: `p${i}`, initial: i === 0 ? 1 : 0 })),
    transitions: transitions.map((t, i) => ({ id: `t${i}` as TransitionId, name: `t${i}`, pre: arcs(t.pre), post: arcs(t.post), inhibitors: arcs(t.inh) })),
  };
}

describe('structuralFacts on hand-made nets', () => {
  it('a cycle is a conservative, pure, free-choice state machine and marked graph', () => {
    const net = makeNet(3, [{ pre: { 0: 1 }, post: { 1: 1 } }, { pre: { 1: 1 }, post: { 2: 1 } }, { pre: { 2: 1 }, post: { 0: 1 } }]);
    expect(structuralFacts(net)).toEqual<StructuralFacts>({
      conservative: true,
      stateMachine: true,
      markedGraph: true,
      freeChoice: true,
      extendedFreeChoice: true,
      pureNet: true,
      ordinary: true,
      hasInhibitors: false,
    });
  });

  it('a choice between two transitions is a state machine, not a marked graph', () => {
    const f = structuralFacts(makeNet(2, [{ pre: { 0: 1 }, post: { 1: 1 } }, { pre: { 0: 1 }, post: { 1: 1 } }, { pre: { 1: 1 }, post: { 0: 1 } }]));
    expect(f).toMatchObject({ stateMachine: true, markedGraph: false, freeChoice: true, conservative: true });
  });

  it('synchronisation: marked graph, not a state machine; a shared place breaks free choice', () => {
    const mg = makeNet(3, [{ pre: { 0: 1, 1: 1 }, post: { 2: 1 } }, { pre: { 2: 1 }, post: { 0: 1, 1: 1 } }]);
    expect(structuralFacts(mg)).toMatchObject({ markedGraph: true, stateMachine: false, freeChoice: true, conservative: false });
    // p0 feeds t0 (with p1) and t1 (alone): neither simple nor extended free choice.
    const nfc = makeNet(3, [{ pre: { 0: 1, 1: 1 }, post: { 2: 1 } }, { pre: { 0: 1 }, post: { 2: 1 } }]);
    expect(structuralFacts(nfc)).toMatchObject({ freeChoice: false, extendedFreeChoice: false });
    // t0 and t1 both need p0 and p1: extended free choice but not simple free choice.
    const efc = makeNet(3, [{ pre: { 0: 1, 1: 1 }, post: { 2: 1 } }, { pre: { 0: 1, 1: 1 }, post: { 2: 1 } }]);
    expect(structuralFacts(efc)).toMatchObject({ freeChoice: false, extendedFreeChoice: true });
  });

  it('weights, self-loops and inhibitors', () => {
    const weighted = structuralFacts(makeNet(2, [{ pre: { 0: 2 }, post: { 1: 1, 0: 1 } }]));
    expect(weighted).toMatchObject({ ordinary: false, conservative: true, pureNet: false, stateMachine: false, freeChoice: false });
    const inh = structuralFacts(makeNet(2, [{ pre: { 0: 1 }, post: { 1: 1 }, inh: { 1: 1 } }, { pre: { 1: 1 }, post: { 0: 1 } }]));
    expect(inh).toMatchObject({ hasInhibitors: true, ordinary: true, conservative: true, pureNet: true, stateMachine: false, markedGraph: false, freeChoice: false });
  });
});

interface Row {
  readonly instance: string;
  readonly cells: Record<string, string>;
  readonly net: PetriNet;
}

describe('MCC corpus', () => {
  const rows: Row[] = [];
  beforeAll(async () => {
    if (!existsSync(`${MCC}expected.csv`)) {
      throw new Error(`MCC corpus not found at ${MCC} (expected ../shared/corpus/mcc/expected.csv from the project root)`);
    }
    const [header, ...lines] = readFileSync(`${MCC}expected.csv`, 'utf8').trim().split('\n').map((l) => l.split(','));
    for (const line of lines) {
      const cells = Object.fromEntries(header.map((h, i) => [h, line[i] ?? '']));
      rows.push({ instance: cells.instance, cells, net: await readPnmlFile(`${MCC}${cells.instance}/model.pnml`) });
    }
  });

  it('structural facts agree with the oracle columns (MCC definitions)', () => {
    expect(rows).toHaveLength(167);
    const columns = { free_choice: 'freeChoice', state_machine: 'stateMachine', marked_graph: 'markedGraph', conservative: 'conservative' } as const;
    const tally: Record<string, { agree: number; compared: number }> = {};
    const mismatches: string[] = [];
    for (const { instance, cells, net } of rows) {
      const facts = structuralFacts(net);
      // Both MCC free-choice verdicts (simple, extended) agree on every instance of this corpus.
      expect(facts.freeChoice).toBe(facts.extendedFreeChoice);
      for (const [column, key] of Object.entries(columns)) {
        const expected = cells[column];
        if (expected !== 'true' && expected !== 'false') continue; // empty or 'unknown'
        const t = (tally[column] ??= { agree: 0, compared: 0 });
        t.compared++;
        if (facts[key] === (expected === 'true')) t.agree++;
        else mismatches.push(`${instance}: ${column} expected ${expected}, got ${facts[key]}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(tally).toEqual({
      free_choice: { agree: 117, compared: 117 },
      state_machine: { agree: 121, compared: 121 },
      marked_graph: { agree: 121, compared: 121 },
      conservative: { agree: 121, compared: 121 },
    });
  });

  it('P-semiflows are true and their place bounds never undercut the known upper bounds', () => {
    let checkedBounds = 0;
    for (const { instance, cells, net } of rows) {
      const result = pSemiflows(net, { timeoutMs: 30, maxRows: 20_000 });
      const check = semiflowChecker(net, 'P');
      expect(result.semiflows.filter((y) => !check(y)), instance).toEqual([]);
      const bounds = placeBoundsFromSemiflows(net, result);
      const maxTokens = Number(cells.ss_max_token_in_place);
      if (bounds.every((b) => b !== undefined) && Number.isInteger(maxTokens)) {
        expect(Math.max(...(bounds as number[])), `${instance}`).toBeGreaterThanOrEqual(maxTokens);
      }
      // UpperBounds formulas: max over reachable markings of the sum of tokens in a set of places.
      const ubFile = `${MCC}${instance}/formulas/UpperBounds.xml`;
      const answerFile = `${MCC}${instance}/expected/${instance}-UB.out`;
      if (!existsSync(ubFile) || !existsSync(answerFile)) continue;
      const answers = new Map([...readFileSync(answerFile, 'utf8').matchAll(/^FORMULA (\S+) (\d+)/gm)].map((m) => [m[1], Number(m[2])]));
      const index = new Map(net.places.map((p, i) => [p.id as string, i]));
      for (const [, id, body] of readFileSync(ubFile, 'utf8').matchAll(/<id>([^<]+)<\/id>[\s\S]*?<place-bound>([\s\S]*?)<\/place-bound>/g)) {
        const known = answers.get(id);
        const places = [...body.matchAll(/<place>\s*([^<\s]+)\s*<\/place>/g)].map((m) => index.get(m[1]));
        const ours = places.map((p) => (p === undefined ? undefined : bounds[p]));
        if (known === undefined || ours.some((b) => b === undefined)) continue;
        expect((ours as number[]).reduce((a, b) => a + b, 0), `${id}`).toBeGreaterThanOrEqual(known);
        checkedBounds++;
      }
    }
    expect(checkedBounds).toBeGreaterThan(500);
  });
});
