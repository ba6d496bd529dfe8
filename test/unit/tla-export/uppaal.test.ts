import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { type WorkflowIR, extractWorkflows } from '../../../src/extract/index.js';
import { parseFormula, parseSpec } from '../../../src/logic/index.js';
import { NameTable, UPPAAL_RESERVED, activityTiming, sanitize, writeUppaal } from '../../../src/tla-export/uppaal/index.js';

/** A parsed XML element. */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function parseXml(xml: string): { root: El; doctype: string } {
  const p = new SaxesParser();
  const stack: El[] = [];
  let root: El | undefined;
  let doctype = '';
  p.on('doctype', (d) => (doctype = d));
  p.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  p.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  p.on('closetag', () => void stack.pop());
  p.on('error', (e) => {
    throw e;
  });
  p.write(xml).close();
  if (root === undefined) throw new Error('no root');
  return { root, doctype };
}

const kids = (e: El, name: string): El[] => e.children.filter((c) => c.name === name);
const labels = (e: El, kind: string): string[] => kids(e, 'label').filter((l) => l.attrs.kind === kind).map((l) => l.text);
/** Children names with repeats collapsed: `a b b c` → `a b+ c`. */
function order(e: El): string {
  const out: string[] = [];
  for (const c of e.children) {
    const last = out[out.length - 1];
    if (last === c.name || last === `${c.name}+`) out[out.length - 1] = `${c.name}+`;
    else out.push(c.name);
  }
  return out.join(' ');
}

const EXAMPLES = ['cross-chain-transfer', 'kernel-upgrade-rollout', 'loan-approval', 'payment-orchestration', 'proteomics-pipeline', 'video-encoding'];
const dir = (ex: string): string => `examples/${ex}`;

interface Case {
  ex: string;
  file: 'workflow.ts' | 'buggy.ts';
  ir: WorkflowIR;
  source: string;
  props: { name: string; formula: ReturnType<typeof parseFormula> }[];
}
const cases: Case[] = [];

beforeAll(() => {
  const files = EXAMPLES.flatMap((ex) => [`${dir(ex)}/workflow.ts`, `${dir(ex)}/buggy.ts`]);
  const r = extractWorkflows(files);
  r.files.forEach((f, i) => {
    const ex = EXAMPLES[Math.floor(i / 2)];
    const file = i % 2 === 0 ? 'workflow.ts' : 'buggy.ts';
    const specFile = `${dir(ex)}/${ex}${file === 'buggy.ts' ? '-buggy' : ''}.wfspec`;
    const spec = parseSpec(readFileSync(specFile, 'utf8'), specFile);
    const props = spec.blocks.flatMap((b) => b.properties.map((p) => ({ name: p.name, formula: p.formula })));
    for (const ir of f.workflows) cases.push({ ex, file, ir, source: readFileSync(`${dir(ex)}/${file}`, 'utf8'), props });
  });
}, 180_000);

describe('writeUppaal: well-formed documents for every example', () => {
  it('extracts all examples', () => {
    expect(cases.length).toBe(EXAMPLES.length * 2);
  });

  it('has the UPPAAL header, element order and resolvable references', () => {
    for (const c of cases) {
      const out = writeUppaal(c.ir, c.props);
      expect(out.xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE nta PUBLIC')).toBe(true);
      const { root, doctype } = parseXml(out.xml);
      expect(doctype).toContain('-//Uppaal Team//DTD Flat System 1.1//EN');
      expect(root.name).toBe('nta');
      expect(order(root)).toMatch(/^declaration template\+? system queries$/);
      const ids = new Set<string>();
      for (const t of kids(root, 'template')) {
        expect(order(t), `${c.ir.name}: template order`).toMatch(/^name (declaration )?location\+? init( transition\+?)?$/);
        for (const l of kids(t, 'location')) {
          expect(ids.has(l.attrs.id), `duplicate id ${l.attrs.id}`).toBe(false);
          ids.add(l.attrs.id);
          expect(kids(l, 'name')[0].text).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
          expect(order(l)).toMatch(/^name( label\+?)?( committed)?$/);
        }
        const local = new Set(kids(t, 'location').map((l) => l.attrs.id));
        expect(local.has(kids(t, 'init')[0].attrs.ref)).toBe(true);
        for (const tr of kids(t, 'transition')) {
          expect(order(tr)).toMatch(/^source target( label\+?)?$/);
          expect(local.has(kids(tr, 'source')[0].attrs.ref)).toBe(true);
          expect(local.has(kids(tr, 'target')[0].attrs.ref)).toBe(true);
        }
      }
      const system = kids(root, 'system')[0].text;
      const names = kids(root, 'template').map((t) => kids(t, 'name')[0].text);
      for (const n of names) expect(system).toContain(`${n}()`);
      expect(system).toMatch(/system [A-Za-z_0-9, ]+;$/);
      for (const q of kids(kids(root, 'queries')[0], 'query')) expect(order(q)).toBe('formula comment');
      // every property is a query or a note
      const queries = kids(kids(root, 'queries')[0], 'query').length;
      expect(queries + out.notes.filter((n) => n.startsWith('property ')).length).toBe(c.props.length);
    }
  });
});

/** Duration literal text → seconds, parsed here independently of the extractor. */
function seconds(literal: string): number {
  const m = /^(\d+)\s*(second|minute|hour|day)s?$/.exec(literal);
  if (m === null) throw new Error(`duration ${literal}`);
  return Number(m[1]) * { second: 1, minute: 60, hour: 3600, day: 86400 }[m[2] as 'second'];
}
const one = (src: string, re: RegExp): string => {
  const m = re.exec(src);
  if (m === null) throw new Error(`${re} not found`);
  return m[1];
};

function timing(c: Case): { invariants: string[]; guards: string[]; comments: string } {
  const { root } = parseXml(writeUppaal(c.ir, []).xml);
  const ts = kids(root, 'template');
  return {
    invariants: ts.flatMap((t) => kids(t, 'location').flatMap((l) => labels(l, 'invariant'))),
    guards: ts.flatMap((t) => kids(t, 'transition').flatMap((l) => labels(l, 'guard'))),
    comments: ts.flatMap((t) => [...kids(t, 'location'), ...kids(t, 'transition')].flatMap((l) => labels(l, 'comments'))).join('\n'),
  };
}
const pick = (ex: string, file = 'workflow.ts'): Case => cases.find((c) => c.ex === ex && c.file === file) as Case;
/** Sum of n attempts of `stc` seconds and Temporal's default backoffs (1 s · 2^k, capped at 100 s). */
const attemptsBound = (n: number, stc: number): number => n * stc + Array.from({ length: n - 1 }, (_, k) => Math.min(2 ** k, 100)).reduce((a, b) => a + b, 0);

describe('writeUppaal: clock constraints from the workflow durations', () => {
  it('cross-chain-transfer: the 24 h confirmation and the 2 min activity attempts', () => {
    for (const file of ['workflow.ts', 'buggy.ts']) {
      const c = pick('cross-chain-transfer', file);
      const t = timing(c);
      const wait = seconds(one(c.source, /condition\(\(\) => confirmed, '([^']+)'\)/));
      expect(wait).toBe(86400);
      expect(t.invariants).toContain(`x <= ${wait}`);
      expect(t.guards).toContain(`status == 0 && !confirmed && x >= ${wait}`);
      const stc = seconds(one(c.source, /startToCloseTimeout: '([^']+)',\s*retry: \{ maximumAttempts/));
      const n = Number(one(c.source, /maximumAttempts: (\d+)/));
      expect(t.invariants).toContain(`x <= ${attemptsBound(n, stc)}`);
      expect(t.guards).toContain(`status == 0 && x >= ${stc}`);
      expect(t.comments).toContain('unlimited attempts and no scheduleToClose timeout');
    }
  });

  it('loan-approval: 7 days for the decision', () => {
    const c = pick('loan-approval');
    const t = timing(c);
    const wait = seconds(one(c.source, /condition\([^,]+, '([^']+)'\)/));
    expect(wait).toBe(604800);
    expect(t.invariants).toContain(`x <= ${wait}`);
    expect(t.guards.some((g) => g.endsWith(`&& x >= ${wait}`))).toBe(true);
    const stc = seconds(one(c.source, /startToCloseTimeout: '([^']+)'/));
    const n = Number(one(c.source, /maximumAttempts: (\d+)/));
    expect(t.invariants).toContain(`x <= ${attemptsBound(n, stc)}`);
    expect(t.guards).toContain(`status == 0 && x >= ${stc}`);
  });

  it('kernel-upgrade-rollout: 45 min attempts, and the soak time is unknown', () => {
    const c = pick('kernel-upgrade-rollout');
    const t = timing(c);
    const stc = seconds(one(c.source, /startToCloseTimeout: '([^']+)'/));
    expect(stc).toBe(2700);
    const n = Number(one(c.source, /maximumAttempts: (\d+)/));
    expect(t.invariants).toContain(`x <= ${attemptsBound(n, stc)}`);
    expect(t.guards).toContain(`status == 0 && x >= ${stc}`);
    expect(t.comments).toContain('sleep duration unknown: no clock constraint');
  });

  it('proteomics-pipeline: sleep(30 minutes) and the per-activity timeouts', () => {
    const c = pick('proteomics-pipeline');
    const t = timing(c);
    const d = seconds(one(c.source, /sleep\('([^']+)'\)/));
    expect(t.invariants).toContain(`x <= ${d}`);
    expect(t.guards).toContain(`status == 0 && x >= ${d}`);
  });

  it('writes milliseconds when some duration is not whole seconds', () => {
    const c = pick('kernel-upgrade-rollout');
    const ir = JSON.parse(JSON.stringify(c.ir, (k, v: unknown) => (k === 'durationMs' ? 1500 : v))) as WorkflowIR;
    const out = writeUppaal(ir, []);
    const t = timing({ ...c, ir });
    expect(t.invariants).toContain('x <= 1500');
    expect(t.guards).toContain('status == 0 && x >= 1500');
    expect(t.guards).toContain(`status == 0 && x >= ${2700 * 1000}`);
    expect(out.xml).toContain('time unit: milliseconds');
  });

  it('activityTiming: schedule-to-close wins, backoffs follow the policy', () => {
    const base = { maximumAttempts: 3, nonRetryableErrorTypes: [], startToCloseTimeoutMs: 10_000, scheduleToCloseTimeoutMs: null, heartbeatTimeoutMs: null, initialIntervalMs: 2000, backoffCoefficient: 3, maximumIntervalMs: 5000, local: false, mayFail: true };
    expect(activityTiming(base)).toEqual({ boundMs: 3 * 10_000 + 2000 + 5000, timeoutMs: 10_000, errorFailure: true, comment: null });
    expect(activityTiming({ ...base, scheduleToCloseTimeoutMs: 20_000 }).boundMs).toBe(20_000);
    expect(activityTiming({ ...base, maximumAttempts: null, mayFail: false })).toMatchObject({ boundMs: null, timeoutMs: null, errorFailure: false });
    expect(activityTiming({ ...base, maximumAttempts: null, scheduleToCloseTimeoutMs: 60_000 })).toEqual({ boundMs: 60_000, timeoutMs: 60_000, errorFailure: false, comment: null });
  });
});

describe('writeUppaal: queries', () => {
  const q = (text: string, ex = 'cross-chain-transfer'): { query: string | null; notes: string[]; file: string } => {
    const out = writeUppaal(pick(ex).ir, [{ name: 'p', formula: parseFormula(text) }]);
    const { root } = parseXml(out.xml);
    const query = kids(kids(root, 'queries')[0], 'query')[0];
    return { query: query === undefined ? null : kids(query, 'formula')[0].text, notes: out.notes, file: out.queries };
  };
  // lastEvent codes of crossChainTransfer, looked up in the declaration's table
  const code = (key: string): number => {
    const decl = /lastEvent: 0 none, ([^\n]*)/.exec(writeUppaal(pick('cross-chain-transfer').ir, []).xml)?.[1] ?? '';
    return Number(new RegExp(`(\\d+) ${key.replace(/[()]/g, '\\$&')}`).exec(decl)?.[1]);
  };

  it('translates the table of supported shapes', () => {
    const done = 'status == 1';
    const lock = `lastEvent == ${code('activityCompleted(lockFunds)')}`;
    const rel = `lastEvent == ${code('activityCompleted(releaseFunds)')}`;
    expect(q('AG !failed').query).toBe('A[] !(status == 2)');
    expect(q('invariant running | done').query).toBe(`A[] (status == 0 || ${done})`);
    expect(q('running | done').query).toBe(`A[] (status == 0 || ${done})`);
    expect(q('G !failed').query).toBe('A[] !(status == 2)');
    expect(q('EF done').query).toBe(`E<> ${done}`);
    expect(q('AF done').query).toBe(`A<> ${done}`);
    expect(q('F done').query).toBe(`A<> ${done}`);
    expect(q('EG running').query).toBe('E[] status == 0');
    expect(q('AG (completed(lockFunds) -> AF completed(releaseFunds))').query).toBe(`${lock} --> ${rel}`);
    expect(q('G (completed(lockFunds) -> F completed(releaseFunds))').query).toBe(`${lock} --> ${rel}`);
    expect(q('!EF failed').query).toBe('A[] !(status == 2)');
    expect(q('!AG running').query).toBe('E<> !(status == 0)');
    expect(q('AG (deadlock -> done)').query).toBe(`A[] ((status == 0 && deadlock) imply ${done})`);
    expect(q('AG (state(releasing) -> confirmed)').query).toBe('A[] (state_ == 2 imply confirmed)');
    expect(q('AG (completed(lockFunds) <-> completed(lockFunds))').query).toBe(`A[] ((${lock}) == (${lock}))`);
  });

  it('reads integer variables and at(line)', () => {
    expect(q('AG (done -> batch == 3)', 'kernel-upgrade-rollout').query).toBe('A[] (status == 1 imply batch == 3)');
    expect(q('EF at(38)').query).toMatch(/^E<> \(pc_main == \d+( \|\| pc_main == \d+)*\)$/);
    expect(q('EF at(1)').query).toBe('E<> false');
  });

  it('leaves out what UPPAAL cannot express, with a note and a comment in the .q file', () => {
    for (const text of ['A[!done W completed(lockFunds)]', 'G (done -> X done)', 'AG EF done', '<<workflow>> F done', 'EF nosuchatom', 'EF completed(nosuch)']) {
      const r = q(text);
      expect(r.query, text).toBeNull();
      expect(r.notes.some((n) => n.startsWith('property p is not expressible')), text).toBe(true);
      expect(r.file).toMatch(/\/\/ p: not expressible/);
    }
  });

  it('writes the .q file with one query per property', () => {
    const r = q('EF done');
    expect(r.file).toContain('/* p: EF done */\nE<> status == 1\n');
  });
});

describe('UPPAAL names', () => {
  it('sanitises keywords, unicode, leading digits and collisions', () => {
    const t = new NameTable();
    const got = ['int', 'bool', 'clock', 'chan', 'urgent', 'broadcast', 'const', 'true', 'system', 'process', 'state', 'commit', 'init', 'trans', 'select',
      'guard', 'sync', 'assign', 'for', 'while', 'do', 'if', 'else', 'return', 'typedef', 'struct', 'forall', 'exists', 'imply', 'and', 'or', 'not', 'deadlock',
      'meta', 'priority', 'scalar', 'double', 'string', 'void', 'café', '日本', '1st', 'a-b', 'a_b', 'a b', 'awaiting (x)', 'int_', 'ok'].map((n) => t.fresh(n));
    expect(got).toEqual(['int_', 'bool_', 'clock_', 'chan_', 'urgent_', 'broadcast_', 'const_', 'true_', 'system_', 'process_', 'state_', 'commit_', 'init_', 'trans_',
      'select_', 'guard_', 'sync_', 'assign_', 'for_', 'while_', 'do_', 'if_', 'else_', 'return_', 'typedef_', 'struct_', 'forall_', 'exists_', 'imply_', 'and_',
      'or_', 'not_', 'deadlock_', 'meta_', 'priority_', 'scalar_', 'double_', 'string_', 'void_', 'cafe', 'v', 'v_1st', 'a_b', 'a_b_2', 'a_b_3', 'awaiting_x', 'int__2', 'ok']);
    for (const n of got) expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(sanitize('', 'l')).toBe('l');
    expect(UPPAAL_RESERVED.has('broadcast')).toBe(true);
  });

  it('renames workflow variables that collide with the model\'s own names or keywords', () => {
    const c = pick('cross-chain-transfer');
    const clash = JSON.parse(JSON.stringify(c.ir)) as { vars: { name: string }[] };
    clash.vars[0].name = 'status';
    clash.vars[1].name = 'clock';
    const out = writeUppaal(clash as unknown as WorkflowIR, [{ name: 'p', formula: parseFormula('AG (clock -> status(releasing))') }]);
    expect(out.xml).toContain('int[0,5] status_2 = 0;');
    expect(out.xml).toContain('bool clock_ = false;');
    expect(out.queries).toContain('A[] (clock_ imply status_2 == 2)');
  });
});
