import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../../src/cli/check/code-frame.js';
import { renderJson } from '../../../src/cli/check/render-json.js';
import { renderJunit } from '../../../src/cli/check/render-junit.js';
import { buildSarif, renderSarif } from '../../../src/cli/check/render-sarif.js';
import { renderText, violationLines } from '../../../src/cli/check/render-text.js';
import type { CheckReport } from '../../../src/cli/check/report.js';

/** A report exercising every status, diagnostics, spec spans, a lasso and a stutter. */
const SRC = [
  "import { proxyActivities, sleep } from '@temporalio/workflow';",
  '',
  'export async function transfer(amount: number): Promise<void> {',
  '  await lockFunds(amount);',
  '\tif (amount > 100) {',
  "\t\tawait sleep('1 day');",
  '  }',
  '  await Promise.all([',
  '    release(),',
  '    notify(),',
  '    audit(),',
  '  ]);',
  '}',
].join('\n');

const T = '/repo/src/transfer.ts';
const span = (file: string, line: number, column: number, endLine: number, endColumn: number) => ({ file, line, column, endLine, endColumn });

const REPORT: CheckReport = {
  formatVersion: 1,
  tool: { name: 'wfverify', version: '0.1.0' },
  ms: 12,
  diagnostics: [{ severity: 'error', code: 'WFV2102', message: "the spec names an unknown workflow 'payout'", span: span('specs/transfer.wfspec', 10, 1, 10, 16) }],
  workflows: [
    {
      workflow: 'transfer',
      file: T,
      span: span(T, 3, 1, 13, 2),
      stats: { states: 57, transitions: 80, depth: 11, ms: 4 },
      diagnostics: [{ severity: 'warning', code: 'WFV3101', message: "the value of 'amount' is abstracted", span: span(T, 3, 32, 3, 46) }],
      properties: [
        { name: 'deadlock-freedom', formula: 'AG (deadlock -> !running)', origin: 'builtin', status: 'holds' },
        {
          name: 'fundsSettle',
          formula: 'AG (completed(lockFunds) -> AF completed(release))',
          origin: 'spec',
          specSpan: span('/repo/specs/transfer.wfspec', 3, 1, 3, 70),
          status: 'violated',
          message: 'release <never> follows "lockFunds" & co',
          steps: [
            { index: 1, label: 'completed(lockFunds)', span: span(T, 4, 3, 4, 26) },
            { index: 2, label: 'timer fired', span: span(T, 6, 3, 6, 23), state: 'amount=101' },
            { index: 3, label: 'parallel started', span: span(T, 8, 3, 12, 5) },
          ],
          loopStart: 1,
        },
        { name: 'bigLoop', formula: 'AG x <= 3', origin: 'spec', status: 'inconclusive', message: 'the state bound (1000) was hit' },
        { name: 'option-to-complete', formula: 'AG EF !running', origin: 'builtin', status: 'unsupported' },
      ],
    },
    {
      workflow: 'refund',
      file: '/other/refund.ts',
      span: span('/other/refund.ts', 1, 1, 9, 2),
      stats: { states: 3, transitions: 2, depth: 2, ms: 1 },
      diagnostics: [],
      properties: [
        {
          name: 'deadlock-freedom',
          formula: 'AG (deadlock -> !running)',
          origin: 'builtin',
          status: 'violated',
          message: 'stuck waiting for signal approve',
          steps: [{ index: 1, label: 'completed(charge)', span: span('/other/refund.ts', 5, 3, 5, 20) }],
          loopStart: 1,
        },
      ],
    },
  ],
};

const readSource = (file: string): string | undefined => (file === T ? SRC : undefined);

// CommonJS modules: under NodeNext the default import is `module.exports`, whose `.default` is the export.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;
const EMPTY: CheckReport = { formatVersion: 1, tool: { name: 'wfverify', version: '0.1.0' }, ms: 0, diagnostics: [], workflows: [] };

describe('codeFrame', () => {
  const src = 'a\n  foo(bar);\n\tx = 1;\nline4\nline5\nline6\r\nline7';
  it('underlines a one-line span', () => {
    expect(codeFrame(src, { line: 2, column: 3, endLine: 2, endColumn: 11 })).toBe('2 |   foo(bar);\n  |   ^^^^^^^^');
  });
  it('keeps tabs before the caret and the indent', () => {
    expect(codeFrame(src, { line: 3, column: 2, endLine: 3, endColumn: 3 }, { indent: '> ' })).toBe('> 3 | \tx = 1;\n>   | \t^');
  });
  it('shows at most 3 lines, then …, underlining the first line to its end', () => {
    expect(codeFrame(src, { line: 2, column: 3, endLine: 6, endColumn: 2 })).toBe(
      ['2 |   foo(bar);', '  |   ^^^^^^^^^', '3 | \tx = 1;', '4 | line4', '  | …'].join('\n'),
    );
    expect(codeFrame(src, { line: 5, column: 1, endLine: 7, endColumn: 6 }, { maxLines: 2 })).toBe(
      ['5 | line5', '  | ^^^^^', '6 | line6', '  | …'].join('\n'),
    );
  });
  it('aligns the gutter to the widest line number and prints empty lines without trailing space', () => {
    const long = Array.from({ length: 12 }, (_, i) => (i === 8 ? '' : `l${i + 1}`)).join('\n');
    expect(codeFrame(long, { line: 8, column: 1, endLine: 10, endColumn: 4 })).toBe([' 8 | l8', '   | ^^', ' 9 |', '10 | l10'].join('\n'));
  });
  it('gives one caret for an empty span and nothing for a line outside the text', () => {
    expect(codeFrame(src, { line: 1, column: 2, endLine: 1, endColumn: 2 })).toBe('1 | a\n  |  ^');
    expect(codeFrame(src, { line: 8, column: 1, endLine: 8, endColumn: 2 })).toBeUndefined();
    expect(codeFrame(src, { line: 0, column: 1, endLine: 0, endColumn: 2 })).toBeUndefined();
  });
});

describe('renderText', () => {
  const expected = [
    "specs/transfer.wfspec:10:1: error WFV2102: the spec names an unknown workflow 'payout'",
    '',
    'workflow transfer (src/transfer.ts:3)',
    'states=57 transitions=80 depth=11 ms=4',
    "src/transfer.ts:3:32: warning WFV3101: the value of 'amount' is abstracted",
    '  ✔ holds        deadlock-freedom',
    '  ✘ VIOLATED     fundsSettle: release <never> follows "lockFunds" & co',
    '      formula: AG (completed(lockFunds) -> AF completed(release))  (specs/transfer.wfspec:3:1)',
    '      1. completed(lockFunds)  src/transfer.ts:4:3',
    '           4 |   await lockFunds(amount);',
    '             |   ^^^^^^^^^^^^^^^^^^^^^^^',
    '      -- loop starts here, repeats forever --',
    '      2. timer fired  src/transfer.ts:6:3',
    "           6 | \t\tawait sleep('1 day');",
    '             | \t\t^^^^^^^^^^^^^^^^^^^^',
    '           state: amount=101',
    '      3. parallel started  src/transfer.ts:8:3',
    '            8 |   await Promise.all([',
    '              |   ^^^^^^^^^^^^^^^^^^^',
    '            9 |     release(),',
    '           10 |     notify(),',
    '              | …',
    '  ? inconclusive bigLoop: the state bound (1000) was hit',
    '  ! unsupported  option-to-complete',
    '',
    'workflow refund (/other/refund.ts:1)',
    'states=3 transitions=2 depth=2 ms=1',
    '  ✘ VIOLATED     deadlock-freedom: stuck waiting for signal approve',
    '      formula: AG (deadlock -> !running)',
    '      1. completed(charge)  /other/refund.ts:5:3',
    '      -- the last state repeats forever (the run ended or is stuck) --',
    '',
    '2 workflows, 5 properties: 1 hold, 2 violated, 1 inconclusive, 1 unsupported',
  ].join('\n');

  it('renders headers, stats, diagnostics, verdicts, steps with code frames, loops and the summary', () => {
    expect(renderText(REPORT, { readSource, baseDir: '/repo' })).toBe(expected);
  });

  it('has an ASCII mode, keeps paths without baseDir and prints no frames without sources', () => {
    const out = renderText(REPORT, { symbols: 'ascii' }).split('\n');
    expect(out.filter((l) => /^ {2}\S /.test(l))).toEqual([
      '  + holds        deadlock-freedom',
      '  x VIOLATED     fundsSettle: release <never> follows "lockFunds" & co',
      '  ? inconclusive bigLoop: the state bound (1000) was hit',
      '  ! unsupported  option-to-complete',
      '  x VIOLATED     deadlock-freedom: stuck waiting for signal approve',
    ]);
    expect(out).toContain('workflow transfer (/repo/src/transfer.ts:3)');
    expect(out).toContain('      1. completed(lockFunds)  /repo/src/transfer.ts:4:3');
    expect(out.some((l) => l.includes(' | '))).toBe(false);
    expect(renderText(REPORT, { symbols: 'ascii' })).toMatch(/^[\x20-\x7e\n\t…]*$/);
  });

  it('summarises an empty report and uses singular nouns', () => {
    expect(renderText(EMPTY)).toBe('0 workflows, 0 properties: 0 hold, 0 violated, 0 inconclusive, 0 unsupported');
    const one: CheckReport = { ...EMPTY, workflows: [{ ...REPORT.workflows[1] }] };
    expect(renderText(one).split('\n').at(-1)).toBe('1 workflow, 1 property: 0 hold, 1 violated, 0 inconclusive, 0 unsupported');
  });
});

describe('renderJson', () => {
  it('is the report, with its formatVersion', () => {
    const out = renderJson(REPORT);
    expect(JSON.parse(out)).toEqual(REPORT);
    expect(out.startsWith('{\n  "formatVersion": 1,')).toBe(true);
  });
});

describe('renderSarif', () => {
  const require = createRequire(import.meta.url);
  // The official SARIF 2.1.0 schema (rtm.5, JSON Schema draft-04) as shipped by Microsoft's @microsoft/jest-sarif.
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // unicodeRegExp: false because the schema's `language` pattern has a stray ']' that the 'u' flag rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const sarif = buildSarif(REPORT, { baseDir: '/repo', informationUri: 'https://example.org/wfverify' });
  const run = (sarif.runs as any[])[0];

  it('validates against the SARIF 2.1.0 schema, and the schema catches a broken log', () => {
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validate(JSON.parse(renderSarif(EMPTY, { baseDir: '/' })))).toBe(true);
    const broken = structuredClone(sarif) as any;
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
    const noUri = structuredClone(sarif) as any;
    delete noUri.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    noUri.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b:c';
    expect(validate(noUri)).toBe(false);
  });

  it('declares the tool, one rule per property name and per diagnostic code', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'wfverify', version: '0.1.0', informationUri: 'https://example.org/wfverify' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['deadlock-freedom', 'fundsSettle', 'bigLoop', 'option-to-complete', 'WFV2102', 'WFV3101']);
    expect(run.tool.driver.rules[5].shortDescription.text).toBe('value abstracted');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('reports non-holding properties and diagnostics at the right places and levels', () => {
    const summary = run.results.map((r: any) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]);
    expect(summary).toEqual([
      ['WFV2102', 4, 'error', 'specs/transfer.wfspec', 10],
      ['WFV3101', 5, 'warning', 'src/transfer.ts', 3],
      ['fundsSettle', 1, 'error', 'src/transfer.ts', 4],
      ['bigLoop', 2, 'warning', 'src/transfer.ts', 3],
      ['option-to-complete', 3, 'note', 'src/transfer.ts', 3],
      ['deadlock-freedom', 0, 'error', 'file:///other/refund.ts', 5],
    ]);
    expect(run.results[2].message.text).toBe('Workflow \'transfer\': property \'fundsSettle\' is violated: release <never> follows "lockFunds" & co');
    expect(run.results[4].message.text).toBe("Workflow 'transfer': property 'option-to-complete' cannot be checked.");
    expect(run.results[2].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/transfer.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 26 },
    });
    expect(run.results[2].relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: 'specs/transfer.wfspec', uriBaseId: '%SRCROOT%' });
    expect(run.results[5].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///other/refund.ts' });
  });

  it('lists counterexample steps as a code flow, marking the loop and the final stutter', () => {
    const flow = run.results[2].codeFlows[0].threadFlows[0].locations;
    expect(flow.map((l: any) => [l.executionOrder, l.location.message.text, l.location.physicalLocation.region.startLine])).toEqual([
      [1, 'completed(lockFunds)', 4],
      [2, 'timer fired (loop starts here, repeats forever)', 6],
      [3, 'parallel started', 8],
    ]);
    expect(flow[1].state).toEqual({ state: { text: 'amount=101' } });
    expect(run.results[5].codeFlows[0].threadFlows[0].locations[0].location.message.text).toBe('completed(charge) (then the last state repeats forever)');
    expect(run.results[3].codeFlows).toBeUndefined();
  });

  it('fingerprints survive edits of lines and messages, and differ between properties and workflows', () => {
    const fp = (s: any) => s.runs[0].results.map((r: any) => Object.values(r.partialFingerprints)[0]);
    const before = fp(sarif);
    const moved = JSON.parse(JSON.stringify(REPORT).replace(/"line":(\d+)/g, (_m, n) => `"line":${Number(n) + 7}`).replace(/stuck waiting/g, 'blocked on'));
    expect(fp(buildSarif(moved, { baseDir: '/repo' }))).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
    expect(before.every((f: string) => /^[0-9a-f]{32}$/.test(f))).toBe(true);
    const renamed = JSON.parse(JSON.stringify(REPORT).replace(/"workflow":"refund"/, '"workflow":"refund2"'));
    expect(fp(buildSarif(renamed, { baseDir: '/repo' }))[5]).not.toBe(before[5]);
  });

  it('percent-encodes relative URIs and omits informationUri when not given', () => {
    const spaced: CheckReport = JSON.parse(JSON.stringify(REPORT).replaceAll('/repo/src/transfer.ts', '/repo/my src/trans#fer.ts'));
    const s = buildSarif(spaced, { baseDir: '/repo/' }) as any;
    expect(s.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20src/trans%23fer.ts');
    expect(s.runs[0].tool.driver.informationUri).toBeUndefined();
    expect(validate(s)).toBe(true);
  });
});

describe('renderJunit', () => {
  interface Element { name: string; attributes: Record<string, string>; children: Element[]; text: string }
  function parseXml(xml: string): Element {
    const parser = new SaxesParser();
    const root: Element = { name: '#root', attributes: {}, children: [], text: '' };
    const stack = [root];
    parser.on('error', (e) => { throw e; });
    parser.on('opentag', (t) => {
      const el: Element = { name: t.name, attributes: t.attributes as Record<string, string>, children: [], text: '' };
      stack.at(-1)!.children.push(el);
      stack.push(el);
    });
    parser.on('text', (s) => { stack.at(-1)!.text += s; });
    parser.on('closetag', () => { stack.pop(); });
    parser.write(xml).close();
    return root.children[0];
  }
  const xml = renderJunit(REPORT, { readSource, baseDir: '/repo' });
  const doc = parseXml(xml);

  it('is well-formed XML with exact counts', () => {
    expect(doc.name).toBe('testsuites');
    expect(doc.attributes).toMatchObject({ tests: '5', failures: '2', skipped: '2', errors: '0', time: '0.012' });
    const suites = doc.children.map((s) => [s.name, s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.skipped, s.children.filter((c) => c.name === 'testcase').length]);
    expect(suites).toEqual([
      ['testsuite', 'diagnostics', '0', '0', '0', 0],
      ['testsuite', 'transfer', '4', '1', '2', 4],
      ['testsuite', 'refund', '1', '1', '0', 1],
    ]);
  });

  it('has one testcase per property with failure or skipped, escaped faithfully', () => {
    const transfer = doc.children[1];
    const cases = transfer.children.filter((c) => c.name === 'testcase');
    expect(cases.map((c) => [c.attributes.classname, c.attributes.name, c.children.map((x) => x.name).join()])).toEqual([
      ['src/transfer.ts', 'deadlock-freedom', ''],
      ['src/transfer.ts', 'fundsSettle', 'failure'],
      ['src/transfer.ts', 'bigLoop', 'skipped'],
      ['src/transfer.ts', 'option-to-complete', 'skipped'],
    ]);
    const failure = cases[1].children[0];
    expect(failure.attributes.message).toBe('release <never> follows "lockFunds" & co');
    expect(failure.text).toBe(violationLines(REPORT.workflows[0].properties[1], { readSource, baseDir: '/repo' }).join('\n'));
    expect(failure.text).toContain("     6 | \t\tawait sleep('1 day');");
    expect(cases[2].children[0].attributes.message).toBe('inconclusive: the state bound (1000) was hit');
    expect(transfer.children.at(-1)).toMatchObject({ name: 'system-out', text: "src/transfer.ts:3:32: warning WFV3101: the value of 'amount' is abstracted" });
  });

  it('keeps newlines in attributes and replaces characters XML forbids', () => {
    const odd: CheckReport = {
      ...EMPTY,
      workflows: [{ ...REPORT.workflows[1], properties: [{ ...REPORT.workflows[1].properties[0], name: "a'b", message: 'line1\nline2\ttab\u0001\r' }] }],
    };
    const el = parseXml(renderJunit(odd)).children[0].children[0];
    expect(el.attributes.name).toBe("a'b");
    expect(el.children[0].attributes.message).toBe('line1\nline2\ttab\uFFFD\r');
    expect(renderJunit(EMPTY)).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="wfverify" tests="0" failures="0" errors="0" skipped="0" time="0.000">\n</testsuites>');
  });
});
