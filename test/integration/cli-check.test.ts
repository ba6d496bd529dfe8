/**
 * `wfverify check` and `wfverify extract` through the CLI entry point (in process): exit codes
 * (0 holds, 1 violated, 2 bad input, 3 inconclusive), the text, JSON, SARIF and JUnit formats,
 * and bad input — syntax and type errors in workflows, files that are not workflows, malformed
 * specs, unknown workflows and atoms — reported with file:line:col and no stack trace.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli as run } from '../support/run-cli.js';

afterEach(() => vi.restoreAllMocks());

const STACK = /^\s+at /m;
const FIX = 'test/fixtures/check';

describe('wfverify check', () => {
  it('exit 0 when every property holds, with the stats line and verdict lines', async () => {
    const r = await run(['check', 'examples/loan-approval/workflow.ts', 'examples/loan-approval/loan-approval.wfspec']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^workflow loanApproval \(examples\/loan-approval\/workflow\.ts:18\)$/m);
    expect(r.out).toMatch(/^states=\d+ transitions=\d+ depth=\d+ ms=\d+$/m);
    expect(r.out).toContain('holds        recordedAtMostOnce');
    expect(r.out).toMatch(/1 workflow, 8 properties: 8 hold, 0 violated, 0 inconclusive, 0 unsupported\n$/);
  });

  it('exit 1 on a violation, with numbered steps at file:line:col and a code frame', async () => {
    const r = await run(['check', `${FIX}/transfer.wfspec`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('holds        refundOnlyAfterFailedDeposit');
    expect(r.out).toContain('VIOLATED     alwaysDone');
    expect(r.out).toMatch(/1\. scheduled\(withdraw\) @ workflows\.ts:24 +examples\/workflows\/transfer\/workflows\.ts:24:\d+/);
    expect(r.out).toMatch(/24 \|\s+done\.push\(await withdraw\(t\.from, t\.amount\)\);/);
  });

  it('exit 3 when the fan-out bound leaves behaviour out, and when the state bound is hit', async () => {
    const video = await run(['check', 'examples/video-encoding/workflow.ts']);
    expect(video.code).toBe(3);
    expect(video.out).toContain('WFV3104');
    const bounded = await run(['check', 'examples/loan-approval/workflow.ts', '--max-states', '5']);
    expect(bounded.code).toBe(3);
    expect(bounded.out).toMatch(/inconclusive deadlock-freedom: states bound hit/);
  });

  it('--format json carries formatVersion and the same verdicts; junit and sarif are produced', async () => {
    const json = await run(['check', `${FIX}/transfer.wfspec`, '--format', 'json']);
    const report = JSON.parse(json.out);
    expect(report.formatVersion).toBe(1);
    expect(report.workflows[0].properties.map((p: { name: string; status: string }) => `${p.name}=${p.status}`)).toEqual([
      'deadlock-freedom=holds', 'option-to-complete=holds', 'proper-completion=holds', 'no-dead-activity=holds',
      'refundOnlyAfterFailedDeposit=holds', 'alwaysDone=violated',
    ]);
    const junit = await run(['check', `${FIX}/transfer.wfspec`, '--format', 'junit']);
    expect(junit.out).toMatch(/<testsuite name="transfer" tests="6" failures="1"/);
    const sarif = JSON.parse((await run(['check', `${FIX}/transfer.wfspec`, '--format', 'sarif'])).out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'alwaysDone')).toBe(true);
  });

  it('syntax and type errors: exit 2, every error located, nothing checked', async () => {
    const syntax = await run(['check', 'test/fixtures/extract/syntax-error.ts']);
    expect(syntax.code).toBe(2);
    expect(syntax.err).toContain("test/fixtures/extract/syntax-error.ts:4:1: error WFV3001: TS1005: ',' expected.");
    const types = await run(['check', 'test/fixtures/extract/type-error.ts']);
    expect(types.code).toBe(2);
    expect(types.err).toMatch(/type-error\.ts:3:9: error WFV3002: TS2322/);
    for (const r of [syntax, types]) expect(r.err).not.toMatch(STACK);
  });

  it('a file that is not a workflow, a missing path: exit 2', async () => {
    const notWf = await run(['check', 'test/fixtures/extract/not-a-workflow.ts']);
    expect(notWf.code).toBe(2);
    expect(notWf.err).toContain('error WFV3003: not a workflow file');
    const missing = await run(['check', 'no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no/such/dir: no such file or directory');
  });

  it('spec errors: syntax, unknown workflow, unknown atom — exit 2 at the spec position', async () => {
    const syntax = await run(['check', `${FIX}/bad-syntax.wfspec`]);
    expect(syntax.code).toBe(2);
    expect(syntax.err).toMatch(/bad-syntax\.wfspec:2:\d+: error WFV2001/);
    const unknown = await run(['check', `${FIX}/unknown-workflow.wfspec`]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown-workflow\.wfspec:2:1: error WFV2102: spec names workflow nope/);
    const atom = await run(['check', `${FIX}/bad-atom.wfspec`]);
    expect(atom.code).toBe(2);
    expect(atom.err).toMatch(/bad-atom\.wfspec:3:\d+: error WFV2104: .*withdrawl/);
    for (const r of [syntax, unknown, atom]) expect(r.err).not.toMatch(STACK);
  });

  it('a config file with an unknown option is rejected', async () => {
    const r = await run(['check', '--config', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/WFV3005: .*unknown option "name"/);
  });
});

describe('wfverify extract', () => {
  it('prints the IR as text and JSON, the workflow net as PNML and DOT', async () => {
    const text = await run(['extract', 'examples/workflows/transfer/workflows.ts', '--workflow', 'transfer']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('compensate unshift');
    const ir = JSON.parse((await run(['extract', 'examples/workflows/transfer/workflows.ts', '--format', 'ir'])).out);
    expect(ir.formatVersion).toBe(2);
    const pnml = await run(['extract', 'examples/workflows/transfer/workflows.ts', '--format', 'pnml']);
    expect(pnml.out).toMatch(/<pnml xmlns="http:\/\/www\.pnml\.org\/version-2009\/grammar\/pnml">/);
    const dot = await run(['extract', 'examples/workflows/transfer/workflows.ts', '--format', 'dot']);
    expect(dot.out).toMatch(/^digraph /);
  });
});

describe('wfverify export', () => {
  it('writes TLA+ and its config, UPPAAL XML and queries, Promela for a workflow, with notes for what a target cannot express', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wfv-export-'));
    try {
      for (const to of ['tla', 'uppaal', 'promela']) {
        const r = await run(['export', 'examples/loan-approval/workflow.ts', '--to', to, '--out', dir]);
        expect(r.code).toBe(0);
      }
      expect(readdirSync(dir).sort()).toEqual(['loanApproval.cfg', 'loanApproval.pml', 'loanApproval.q', 'loanApproval.tla', 'loanApproval.xml', 'loanApproval_MC.cfg', 'loanApproval_MC.tla']);
      expect(readFileSync(path.join(dir, 'loanApproval_MC.tla'), 'utf8')).toMatch(/^EXTENDS loanApproval$/m);
      expect(readFileSync(path.join(dir, 'loanApproval.tla'), 'utf8')).toMatch(/^-+ MODULE loanApproval -+$/m);
      expect(readFileSync(path.join(dir, 'loanApproval.xml'), 'utf8')).toContain('<nta>');
      expect(readFileSync(path.join(dir, 'loanApproval.pml'), 'utf8')).toContain('active proctype');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports a net to TLA+ and Promela; UPPAAL of a net is bad input', async () => {
    const tla = await run(['export', 'examples/nets/philosophers-5.pnml', '--to', 'tla']);
    expect(tla.code).toBe(0);
    expect(tla.out).toMatch(/==> \S+\.tla <==/);
    expect(tla.out).toMatch(/==> \S+\.cfg <==/);
    const pml = await run(['export', 'examples/nets/philosophers-5.pnml', '--to', 'promela']);
    expect(pml.out).toContain('==> philosophers-5.pml <==');
    const uppaal = await run(['export', 'examples/nets/philosophers-5.pnml', '--to', 'uppaal']);
    expect(uppaal.code).toBe(2);
    expect(uppaal.err).toContain('UPPAAL export is for workflow models');
  });
});
