/**
 * PNML reader: the public corpora (MCC, TAPAAL, workflow nets) and hand-made broken fixtures.
 * The corpus lives at ../shared/corpus relative to the project root; when it is missing the
 * corpus tests fail with a message saying so (they never skip).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { PetriNet, PlaceId } from '../../../src/petri/net.js';
import { parsePnml, readPnmlFile } from '../../../src/petri/pnml/read.js';
import { writePnml } from '../../../src/petri/pnml/write.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const BROKEN = fileURLToPath(new URL('../../fixtures/pnml/broken/', import.meta.url));

/** Fails (never skips) when a corpus folder is absent. */
function requireDir(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`test corpus folder missing: ${dir} (expected the shared corpus next to the project)`);
  return readdirSync(dir).sort();
}

/** Runs `f` and returns the InputError it throws; fails if it throws nothing or something else. */
async function inputError(f: () => unknown): Promise<InputError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`expected an InputError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected an InputError, got success');
}

const arcCount = (n: PetriNet): number => n.transitions.reduce((s, t) => s + t.pre.length + t.post.length + t.inhibitors.length, 0);

describe('MCC corpus', () => {
  it('reads all model.pnml files with the place/transition/arc counts of expected.csv', async () => {
    const csv = readFileSync(`${CORPUS}mcc/expected.csv`, 'utf8').trim().split('\n');
    const header = csv[0].split(',');
    const col = (name: string): number => header.indexOf(name);
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(requireDir(`${CORPUS}mcc`).filter((d) => d !== 'expected.csv').length);
    const mismatches: string[] = [];
    const t0 = performance.now();
    for (const row of rows) {
      const net = await readPnmlFile(`${CORPUS}mcc/${row[col('instance')]}/model.pnml`);
      const got = [net.places.length, net.transitions.length, arcCount(net)].join(',');
      const want = [row[col('places')], row[col('transitions')], row[col('arcs')]].join(',');
      if (got !== want) mismatches.push(`${row[0]}: got ${got}, expected ${want}`);
    }
    const ms = performance.now() - t0;
    console.info(`read ${rows.length} MCC nets in ${ms.toFixed(0)} ms`);
    expect(mismatches).toEqual([]);
    expect(ms).toBeLessThan(30_000);
  });
});

describe('TAPAAL corpus', () => {
  it('reads every model.pnml, with as many inhibitor arcs as the file spells', async () => {
    const dirs = requireDir(`${CORPUS}tapaal`).filter((d) => existsSync(`${CORPUS}tapaal/${d}/model.pnml`));
    expect(dirs.length).toBeGreaterThan(250);
    let inhibitors = 0;
    for (const d of dirs) {
      const file = `${CORPUS}tapaal/${d}/model.pnml`;
      const net = await readPnmlFile(file);
      const spelled = (readFileSync(file, 'utf8').match(/type="inhibitor"/g) ?? []).length;
      const read = net.transitions.reduce((s, t) => s + t.inhibitors.length, 0);
      expect(read, d).toBe(spelled);
      inhibitors += read;
    }
    expect(inhibitors).toBeGreaterThan(100);
  });
});

describe('workflow-net corpus', () => {
  it('reads every pm4py net (ProM <arctype>, pnmlcoremodel, ISO-8859-1)', async () => {
    const files = requireDir(`${CORPUS}workflow-nets/pm4py`).filter((f) => f.endsWith('.pnml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) await readPnmlFile(`${CORPUS}workflow-nets/pm4py/${f}`);
    const net = await readPnmlFile(`${CORPUS}workflow-nets/pm4py/figure_4_15.pnml`);
    expect([net.places.length, net.transitions.length]).toEqual([7, 6]);
    expect(net.places[0]).toMatchObject({ id: 'p_1', initial: 1 });
    expect(net.places.slice(1).every((p) => p.initial === 0)).toBe(true);
  });

  /** What each WoPeD sample gives: 'ok' or the InputError code (never another exception). */
  const WOPED: Record<string, 'ok' | 'WFV1110'> = {
    'Ballgame.pnml': 'ok',
    'CapacityPlanning.pnml': 'ok',
    'Example-Workflow.pnml': 'ok',
    'Example.pnml': 'ok',
    'Insurance.pnml': 'ok',
    'LoanApplication.pnml': 'ok',
    'LoanApplicationResources.pnml': 'ok', // repeats arc ids a39, a46, a58: tolerated, arcs are never referenced
    'Mailbox.pnml': 'ok',
    'MailboxBounded.pnml': 'ok',
    'MailboxUnbounded.pnml': 'ok',
    'MinimalCoverabilitySet.pnml': 'ok',
    'Subprocesses.pnml': 'WFV1110', // WoPeD subprocess: a <net> nested in a <page>
    'TwoTrafficLightsSafeFair.pnml': 'ok',
    'VendingMachine.pnml': 'ok',
  };

  it('reads each WoPeD sample or rejects it with the recorded InputError', async () => {
    const files = requireDir(`${CORPUS}workflow-nets/woped-samples`).filter((f) => f.endsWith('.pnml'));
    const outcome: Record<string, string> = {};
    for (const f of files) {
      try {
        const net = await readPnmlFile(`${CORPUS}workflow-nets/woped-samples/${f}`);
        expect(net.places.length).toBeGreaterThan(0);
        outcome[f] = 'ok';
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        expect(e.location?.line, f).toBeGreaterThan(0);
        outcome[f] = e.code;
      }
    }
    expect(outcome).toEqual(WOPED);
  });
});

describe('broken fixtures', () => {
  const cases: [file: string, code: string, line: number, column: number, text: string][] = [
    ['truncated.pnml', 'WFV1101', 8, 1, 'malformed XML'],
    ['unknown-arc-kind.pnml', 'WFV1104', 8, 9, "unknown arc kind 'reset'"],
    ['negative-weight.pnml', 'WFV1105', 8, 9, "arc weight '-2'"],
    ['symmetric-net.pnml', 'WFV1103', 3, 3, 'symmetricnet'],
    ['dangling-arc.pnml', 'WFV1106', 8, 7, "unknown id 'p9'"],
    ['duplicate-id.pnml', 'WFV1107', 7, 7, "duplicate id 't1'"],
    ['place-to-place.pnml', 'WFV1109', 8, 7, "connects place 'p1' to place 'p2'"],
    ['not-pnml.pnml', 'WFV1102', 3, 1, '<pnml-ish>'],
    ['empty-net.pnml', 'WFV1108', 3, 3, "net 'nothing' has no places"],
    ['non-numeric-marking.pnml', 'WFV1105', 6, 9, "initial marking 'three'"],
  ];
  it.each(cases)('%s → %s at %i:%i', async (file, code, line, column, text) => {
    const e = await inputError(() => readPnmlFile(BROKEN + file));
    expect(e.code).toBe(code);
    expect(e.location).toEqual({ file: BROKEN + file, line, column });
    expect(e.message).toContain(text);
    expect(e.describe()).toContain(`${file}:${line}:${column}: error ${code}`);
  });

  it('a missing file is WFV1001', async () => {
    const e = await inputError(() => readPnmlFile(BROKEN + 'no-such-file.pnml'));
    expect(e.code).toBe('WFV1001');
    expect(e.location?.file).toBe(BROKEN + 'no-such-file.pnml');
  });
});

/** A small document around `body` (a page's content); the page starts on line 4. */
const doc = (body: string, type = 'http://www.pnml.org/version-2009/grammar/ptnet'): string =>
  `<?xml version="1.0"?>\n<pnml xmlns="http://www.pnml.org/version-2009/grammar/pnml">\n<net id="n" type="${type}">\n<page id="g">\n${body}\n</page>\n</net>\n</pnml>\n`;

describe('parsePnml', () => {
  it('flattens nested pages, resolves reference chains, merges arcs and reads all kind spellings', () => {
    const net = parsePnml(doc(`
      <place id="p"><name><text>P &amp; Q</text><graphics/></name><initialMarking><value> 3 </value></initialMarking></place>
      <page id="inner"><page id="deeper"><transition id="t"><toolspecific tool="x"><place id="ghost"/></toolspecific></transition></page></page>
      <place id="q"><initialMarking>
        2
      </initialMarking></place>
      <referencePlace id="rp1" ref="rp2"/><referencePlace id="rp2" ref="q"/>
      <referenceTransition id="rt" ref="t"/>
      <arc id="a1" source="p" target="t"/><arc id="a2" source="p" target="rt"><inscription><text>2</text></inscription></arc>
      <arc id="a3" source="rt" target="rp1"/>
      <arc id="a4" source="rp1" target="t" type="inhibitor"><inscription><text>4</text></inscription></arc>
      <arc id="a5" source="q" target="t"><type value="inhibitor"/><inscription><text>2</text></inscription></arc>
      <arc id="a6" source="p" target="t"><arctype><text>inhibitor</text></arctype></arc>
      <arc id="a7" source="t" target="p"><arctype><text>normal</text></arctype></arc>`));
    expect(net.places.map((p) => [p.id, p.name, p.initial])).toEqual([['p', 'P & Q', 3], ['q', 'q', 2]]);
    expect(net.transitions).toEqual([{
      id: 't', name: 't',
      pre: [{ place: 0, weight: 3 }],
      post: [{ place: 0, weight: 1 }, { place: 1, weight: 1 }],
      inhibitors: [{ place: 0, weight: 1 }, { place: 1, weight: 2 }], // duplicate inhibitors keep the minimum
    }]);
  });

  const bad: [what: string, xml: string, code: string, line: number][] = [
    ['zero weight', doc('<place id="p"/><transition id="t"/>\n<arc id="a" source="p" target="t"><inscription><text>0</text></inscription></arc>'), 'WFV1105', 6],
    ['absurd weight', doc('<place id="p"/><transition id="t"/>\n<arc id="a" source="p" target="t"><inscription><text>2147483648</text></inscription></arc>'), 'WFV1105', 6],
    ['fractional marking', doc('<place id="p"><initialMarking><text>1.5</text></initialMarking></place>'), 'WFV1105', 5],
    ['reset arc attribute', doc('<place id="p"/><transition id="t"/>\n<arc id="a" source="p" target="t" type="reset"/>'), 'WFV1104', 6],
    ['inhibitor from a transition', doc('<place id="p"/><transition id="t"/>\n<arc id="a" source="t" target="p" type="inhibitor"/>'), 'WFV1109', 6],
    ['transition to transition', doc('<place id="p"/><transition id="t"/><transition id="u"/>\n<arc id="a" source="t" target="u"/>'), 'WFV1109', 6],
    ['reference cycle', doc('<place id="p"/>\n<referencePlace id="r1" ref="r2"/><referencePlace id="r2" ref="r1"/>'), 'WFV1106', 6],
    ['reference of the wrong kind', doc('<place id="p"/><transition id="t"/>\n<referencePlace id="r" ref="t"/>'), 'WFV1106', 6],
    ['dangling reference', doc('<place id="p"/>\n<referenceTransition id="r" ref="nope"/>'), 'WFV1106', 6],
    ['high-level net type', doc('<place id="p"/>', 'http://www.pnml.org/version-2009/grammar/highlevelnet'), 'WFV1103', 3],
    ['PT-HLPNG net type', doc('<place id="p"/>', 'http://www.pnml.org/version-2009/grammar/pt-hlpng'), 'WFV1103', 3],
    ['hlinitialMarking in a ptnet', doc('<place id="p">\n<hlinitialMarking/></place>'), 'WFV1103', 6],
    ['capacity', doc('<place id="p">\n<capacity><text>3</text></capacity></place>'), 'WFV1110', 6],
    ['nested net', doc('<place id="p"/>\n<net/>'), 'WFV1110', 6],
    ['two nets', '<pnml><net id="a"><place id="p"/></net>\n<net id="b"/></pnml>', 'WFV1110', 2],
    ['no net', '<pnml>\n</pnml>', 'WFV1102', 1],
    ['undefined entity', doc('<place id="p"><name><text>&nbsp;</text></name></place>'), 'WFV1101', 5],
    ['empty document', '', 'WFV1101', 1],
  ];
  it.each(bad)('%s → InputError', async (_what, xml, code, line) => {
    const e = await inputError(() => parsePnml(xml, 'mem.pnml'));
    expect([e.code, e.location?.file, e.location?.line]).toEqual([code, 'mem.pnml', line]);
    expect(e.location?.column).toBeGreaterThan(0);
  });

  it('accepts the P/T type spellings of the corpus and a missing type', () => {
    for (const type of ['http://www.pnml.org/version-2009/grammar/ptnet', 'http://www.pnml.org/version-2009/grammar/pnmlcoremodel',
      'http://www.informatik.hu-berlin.de/top/pntd/ptNetb']) {
      expect(parsePnml(doc('<place id="p"/>', type)).places).toHaveLength(1);
    }
    expect(parsePnml('<pnml><net id="x"><place id="p"/></net></pnml>').name).toBe('x');
  });
});

describe('readPnmlFile decoding', () => {
  const dir = mkdtempSync(`${tmpdir()}/wfv-pnml-`);
  const file = (name: string, bytes: Buffer | string): string => {
    writeFileSync(`${dir}/${name}`, bytes);
    return `${dir}/${name}`;
  };

  it('streams multi-megabyte files whose multi-byte characters straddle chunk boundaries', async () => {
    const places = Array.from({ length: 30_000 }, (_, i) => ({ id: `p${i}` as PlaceId, name: `é🙂中 ${'x'.repeat(i % 7)}`, initial: i % 3 }));
    const net: PetriNet = { id: 'big', name: 'big', places, transitions: [] };
    const path = file('big.pnml', writePnml(net));
    expect(readFileSync(path).length).toBeGreaterThan(2 << 20);
    expect(await readPnmlFile(path)).toEqual(net);
  });

  it('honours the declared ISO-8859-1 encoding and a UTF-8 byte order mark', async () => {
    const latin = file('latin.pnml', Buffer.from(doc('<place id="p"><name><text>Café</text></name></place>').replace('?>', ' encoding="ISO-8859-1"?>'), 'latin1'));
    expect((await readPnmlFile(latin)).places[0].name).toBe('Café');
    const bom = file('bom.pnml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('<place id="p"><name><text>Café</text></name></place>'))]));
    expect((await readPnmlFile(bom)).places[0].name).toBe('Café');
  });

  it('rejects bytes that are not valid in the declared encoding (WFV1101)', async () => {
    const bad = file('bad.pnml', Buffer.concat([Buffer.from('<pnml><net id="n"><place id="p"><name><text>'), Buffer.from([0xc3, 0x28]), Buffer.from('</text></name></place></net></pnml>')]));
    const e = await inputError(() => readPnmlFile(bad));
    expect([e.code, e.location?.line]).toEqual(['WFV1101', 1]);
    rmSync(dir, { recursive: true, force: true });
  });
});
