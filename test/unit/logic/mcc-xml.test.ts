import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '../../../src/core/errors.js';
import {
  classify, formulaEquals, MCC_ELEMENTS, parseFormula, parseMccXml, print, stripSpans,
  type Formula, type MccProperty,
} from '../../../src/logic/index.js';

const CORPUS = join(process.cwd(), '../shared/corpus');

/** Every MCC formula file and TAPAAL query file of the corpus (empty when the corpus is missing). */
function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) return [];
  const files: string[] = [];
  const mcc = join(CORPUS, 'mcc');
  for (const inst of readdirSync(mcc).sort()) {
    const dir = join(mcc, inst, 'formulas');
    if (existsSync(dir)) for (const f of readdirSync(dir).sort()) if (f.endsWith('.xml')) files.push(join(dir, f));
  }
  const tapaal = join(CORPUS, 'tapaal');
  for (const m of readdirSync(tapaal).sort()) {
    const q = join(tapaal, m, 'query.xml');
    if (existsSync(q)) files.push(q);
  }
  return files;
}

const files = corpusFiles();

function fails(xml: string): InputError {
  try {
    parseMccXml(xml, 'q.xml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected parseMccXml to throw');
}

const wrap = (formula: string) =>
  `<?xml version="1.0"?>\n<property-set xmlns="http://mcc.lip6.fr/">\n<property><id>P-0</id><description>d</description>\n<formula>${formula}</formula></property>\n</property-set>`;

describe('parseMccXml on small documents', () => {
  it('keeps the structure of all-paths/globally, until and n-ary operators', () => {
    const [p] = parseMccXml(wrap(
      '<all-paths><globally><conjunction><is-fireable><transition>t1</transition><transition>t 2</transition></is-fireable>' +
      '<exists-path><until><before><true/></before><reach><integer-le><integer-constant>-3</integer-constant>' +
      '<tokens-count><place>P-1</place><place>p2</place></tokens-count></integer-le></reach></until></exists-path>' +
      '<negation><deadlock/></negation></conjunction></globally></all-paths>'));
    expect(p.id).toBe('P-0');
    const text = 'AG (fireable(t1, "t 2") & E[true U -3 <= tokens("P-1", p2)] & !deadlock)';
    expect(stripSpans(p.formula as Formula)).toEqual(stripSpans(parseFormula(text)));
    expect(print(p.formula as Formula)).toBe(text);
  });

  it('reads arithmetic n-ary and place-bound queries; single operands stand for themselves', () => {
    const props = parseMccXml(wrap('<place-bound><place>a</place><place>b</place></place-bound>') );
    expect(props[0].formula).toMatchObject({ kind: 'bound', places: ['a', 'b'] });
    const [q] = parseMccXml(wrap(
      '<exists-path><finally><integer-eq><integer-sum><integer-product><integer-constant>3</integer-constant>' +
      '<tokens-count><place>p</place></tokens-count></integer-product><integer-difference><integer-constant>1</integer-constant>' +
      '<integer-constant>2</integer-constant><integer-constant>3</integer-constant></integer-difference></integer-sum>' +
      '<integer-constant>0</integer-constant></integer-eq></finally></exists-path>'));
    expect(formulaEquals(q.formula, parseFormula('EF 3 * tokens(p) + (1 - 2 - 3) == 0'))).toBe(true);
    expect(print(q.formula as Formula)).toBe('EF 3 * tokens(p) + (1 - 2 - 3) == 0');
    const [c] = parseMccXml(wrap('<conjunction><true/></conjunction>'));
    expect(c.formula).toMatchObject({ kind: 'bool', value: true });
  });

  it('gives nodes spans in the XML file and ignores description content', () => {
    const xml = '<property-set><property><id>x</id><description><b>ignored</b></description><formula>\n  <deadlock/></formula></property></property-set>';
    const [p] = parseMccXml(xml);
    expect(p.formula.span?.start).toMatchObject({ line: 2, column: 3 });
    expect(xml.slice(p.formula.span!.start.offset, p.formula.span!.end.offset)).toBe('<deadlock/>');
  });

  it.each(['\n', '\r\n', '\r', ' ', '\t'])('locates tags whose name is followed by %j', (gap) => {
    const xml = `<property-set><property><id>x</id><formula>\n  <negation${gap}><deadlock${gap}/></negation></formula></property></property-set>`;
    const f = parseMccXml(xml)[0].formula as Extract<Formula, { kind: 'not' }>;
    expect(f.span?.start).toEqual({ line: 2, column: 3, offset: 46 });
    expect(f.arg.span?.start.line).toBe(gap.includes('\n') || gap === '\r' ? 3 : 2);
    expect(f.arg.span?.start.column).toBe(gap.includes('\n') || gap === '\r' ? 2 : 14);
    expect(xml.slice(f.span!.start.offset, f.span!.end.offset)).toBe(`<negation${gap}><deadlock${gap}/></negation>`);
  });

  it('reports unknown and misplaced elements with WFV2003 and the position of "<"', () => {
    let e = fails(wrap('<all-paths>\n  <eventually><true/></eventually></all-paths>'));
    expect(e.code).toBe('WFV2003');
    expect(e.message).toContain('<eventually>');
    expect(e.location).toEqual({ file: 'q.xml', line: 5, column: 3 });
    e = fails(wrap('<negation><place-bound><place>a</place></place-bound></negation>'));
    expect(e.message).toMatch(/place-bound/);
    e = fails(wrap('<until><before><true/></before></until>'));
    expect(e.message).toContain('expected <before> and <reach>');
    e = fails(wrap('<negation><true/><false/></negation>'));
    expect(e.message).toContain('expected 1 operand(s) in <negation> but found 2');
    e = fails(wrap('<integer-le><true/><integer-constant>1</integer-constant></integer-le>'));
    expect(e.message).toContain('expected an integer expression');
    e = fails(wrap('<integer-le><integer-constant>x1</integer-constant><integer-constant>1</integer-constant></integer-le>'));
    expect(e.message).toContain("found 'x1'");
    e = fails(wrap('<negation>text<true/></negation>'));
    expect(e.message).toContain('found text');
    e = fails(wrap('<tokens-count><place><true/></place></tokens-count>'));
    expect(e.message).toContain('expected only text inside <place>');
    e = fails('<property-set><property><id>a</id><formula><true/></formula></property>');
    expect(e.code).toBe('WFV2003');
    expect(e.message).toMatch(/malformed XML/);
    e = fails('<formula><true/></formula>');
    expect(e.message).toContain('expected <property-set> as the root element');
  });
});

describe('MCC and TAPAAL property corpus', () => {
  it('is present', () => {
    expect(existsSync(CORPUS), `the test corpus is missing: expected it at ${CORPUS} (see ../shared/corpus/README.md)`).toBe(true);
    expect(files.length, 'no formula files found in the corpus').toBeGreaterThan(1000);
  });

  it('uses only elements the reader supports, and the reader supports nothing unused', () => {
    const seen = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/<([A-Za-z][\w.-]*)/g)) seen.add(m[1]);
    expect([...seen].filter((e) => !MCC_ELEMENTS.includes(e))).toEqual([]);
    expect(MCC_ELEMENTS.filter((e) => !seen.has(e))).toEqual([]);
  });

  const groups = new Map<string, string[]>();
  for (const f of files) {
    const rel = relative(CORPUS, f);
    const key = rel.split('/').slice(0, 2).join('/');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [key, group] of groups) {
    it(`parses, classifies and round-trips ${key}`, () => {
      for (const f of group) checkFile(f);
    });
  }
});

function checkFile(f: string): void {
  const xml = readFileSync(f, 'utf8');
  const rel = relative(CORPUS, f);
  let props: MccProperty[];
  try {
    props = parseMccXml(xml, rel);
  } catch (e) {
    throw new Error(`${rel}: ${(e as InputError).describe?.() ?? String(e)}`);
  }
  expect(props.length, rel).toBe(xml.match(/<property[\s>]/g)?.length ?? 0);
  const exam = rel.startsWith('mcc/') ? rel.split('/')[3].replace('.xml', '') : 'tapaal';
  for (const { id, formula } of props) {
    if (formula.kind === 'bound') {
      expect(exam === 'UpperBounds' || exam === 'tapaal', `${rel} ${id}`).toBe(true);
      expect(formula.places.length).toBeGreaterThan(0);
      continue;
    }
    const c = classify(formula);
    if (exam.startsWith('LTL')) expect(c.ltl && formula.kind === 'path' && formula.quantifier === 'A', `${rel} ${id}`).toBe(true);
    else if (exam !== 'tapaal') expect(c.ctl, `${rel} ${id}: ${c.reason}`).toBe(true);
    else expect(c.logic, `${rel} ${id}: ${c.reason}`).not.toBe('ctl*');
    for (const unicode of [false, true]) {
      const text = print(formula, { unicode });
      const again = parseFormula(text, { file: `${rel}#${id}` });
      if (!formulaEquals(again, formula)) expect(stripSpans(again), `${rel} ${id}: ${text.slice(0, 200)}`).toEqual(stripSpans(formula));
    }
  }
}
