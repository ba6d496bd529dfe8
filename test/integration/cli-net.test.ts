/**
 * `wfverify net` end to end: spawns `node bin/wfverify.js net …` (after one `npm run build`,
 * which writes dist/) and checks exit codes (0 ok / 1 defect or unsound / 2 bad input /
 * 3 inconclusive / 70 internal), the MCC-style text lines against the corpus oracle files, the
 * JSON format, error messages (`error WFV1…` with `file:line:col`, never a stack trace), and
 * robustness on the WoPeD samples. The corpus is ../shared/corpus; when it is missing the
 * corpus tests fail with a message saying so (they never skip).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const MCC = join(CORPUS, 'mcc');
const PM4PY = join(CORPUS, 'workflow-nets', 'pm4py');
const WOPED = join(CORPUS, 'workflow-nets', 'woped-samples');
const BROKEN = join(ROOT, 'test', 'fixtures', 'pnml', 'broken');
const NETS = join(ROOT, 'test', 'fixtures', 'nets');

/** Fails (never skips) when a corpus path is absent. */
function requirePath(path: string): string {
  if (!existsSync(path)) throw new Error(`test corpus path missing: ${path} (expected the shared corpus at ../shared/corpus next to the project)`);
  return path;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI as a child process (asynchronously, so that concurrent tests overlap). */
function wfverify(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'wfverify.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const STACK_LINE = /^\s+at /m;

/** An MCC line without its TECHNIQUES suffix (ours say EXPLICIT, the oracle names its tool). */
const mccLine = (l: string): string => l.replace(/\s+TECHNIQUES\b.*$/, '').trim();

/** The STATE_SPACE / FORMULA lines of the oracle files of `instance` for the given examinations. */
function oracleLines(instance: string, exams: string[]): string[] {
  return exams.flatMap((e) => {
    const f = requirePath(join(MCC, instance, 'expected', `${instance}-${e}.out`));
    return readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => /^(STATE_SPACE|FORMULA) /.test(l) && !/ \? /.test(l))
      .map(mccLine);
  });
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
}, 130_000);

describe.concurrent('wfverify net on MCC instances', () => {
  const GLOBAL = ['SS', 'RD', 'OS', 'QL', 'L', 'SM'];

  it.for([
    // Deadlock reachable (and not live): a defect, exit 1.
    { instance: 'Philosophers-PT-000005', exit: 1 },
    // No deadlock, one-safe, quasi-live, live: exit 0 (a stable marking is informative only).
    { instance: 'CircadianClock-PT-000001', exit: 0 },
    // Not one-safe: exit 1.
    { instance: 'TwoPhaseLocking-PT-nC00004vN', exit: 1 },
  ])('$instance --state-space --global: oracle lines and exit $exit', async ({ instance, exit }, { expect }) => {
    // Arrange
    const model = requirePath(join(MCC, instance, 'model.pnml'));
    const expected = oracleLines(instance, GLOBAL);

    // Act
    const r = await wfverify('net', model, '--state-space', '--global');

    // Assert
    expect(r.stderr).toBe('');
    expect(r.code).toBe(exit);
    const got = r.stdout.split('\n').filter((l) => /^(STATE_SPACE|FORMULA) /.test(l)).map(mccLine);
    expect(got.sort()).toEqual([...expected].sort());
    expect(r.stdout).toMatch(/^states=\d+ transitions=\d+ depth=\d+ ms=\d+$/m);
    expect(r.stdout).toMatch(/^net \S+: \d+ places, \d+ transitions$/m);
  });

  it('--format json carries formatVersion and the same figures', async ({ expect }) => {
    // Arrange
    const model = requirePath(join(MCC, 'Philosophers-PT-000005', 'model.pnml'));

    // Act
    const r = await wfverify('net', model, '--state-space', '--global', '--format', 'json');

    // Assert
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.formatVersion).toBe(1);
    expect(out.net).toMatchObject({ name: 'Philosophers-PT-000005', places: 25, transitions: 25 });
    expect(out.exploration.status).toBe('complete');
    expect(out.stateSpace).toEqual({ states: 243, transitions: 945, maxTokenInPlace: 1, maxTokenPerMarking: 10 });
    const answers = Object.fromEntries(out.answers.map((a: { examination: string; answer: string }) => [a.examination, a.answer]));
    expect(answers).toEqual({ ReachabilityDeadlock: 'TRUE', OneSafe: 'TRUE', QuasiLiveness: 'TRUE', Liveness: 'FALSE', StableMarking: 'FALSE' });
    const rd = out.answers.find((a: { examination: string }) => a.examination === 'ReachabilityDeadlock');
    expect(rd.trace.actions.length).toBe(5);
    expect(rd.trace.names.length).toBe(5);
  });

  it('--max-states 10 on a larger instance: exit 3 and CANNOT_COMPUTE (text)', async ({ expect }) => {
    // Arrange
    const model = requirePath(join(MCC, 'Philosophers-PT-000010', 'model.pnml'));

    // Act
    const r = await wfverify('net', model, '--state-space', '--max-states', '10');

    // Assert
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^STATE_SPACE CANNOT_COMPUTE$/m);
    expect(r.stdout).toMatch(/inconclusive: state bound of 10 states reached/);
    expect(r.stdout).not.toMatch(/STATE_SPACE STATES/);
  });

  it('--max-states 10 with --global: every answer needing the whole space is CANNOT_COMPUTE, exit 3', async ({ expect }) => {
    // Arrange
    const model = requirePath(join(MCC, 'Philosophers-PT-000010', 'model.pnml'));

    // Act
    const r = await wfverify('net', model, '--global', '--max-states', '10');

    // Assert
    expect(r.code).toBe(3);
    for (const e of ['ReachabilityDeadlock', 'Liveness']) expect(r.stdout).toMatch(new RegExp(`^FORMULA ${e} CANNOT_COMPUTE`, 'm'));
    // Answers that need every reachable marking never appear after a bound hit.
    for (const pass of ['ReachabilityDeadlock FALSE', 'OneSafe TRUE', 'QuasiLiveness FALSE', 'Liveness TRUE', 'Liveness FALSE', 'StableMarking TRUE']) {
      expect(r.stdout).not.toMatch(new RegExp(`^FORMULA ${pass} `, 'm'));
    }
  });

  it('--max-states 10 --format json: bounded exploration, no stateSpace, CANNOT_COMPUTE answers', async ({ expect }) => {
    // Arrange
    const model = requirePath(join(MCC, 'Philosophers-PT-000010', 'model.pnml'));

    // Act
    const r = await wfverify('net', model, '--state-space', '--deadlock', '--max-states', '10', '--format', 'json');

    // Assert
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.formatVersion).toBe(1);
    expect(out.exploration).toMatchObject({ status: 'bounded', bound: 'states' });
    expect(out.stateSpace).toBeUndefined();
    expect(out.answers).toEqual([expect.objectContaining({ examination: 'ReachabilityDeadlock', answer: 'CANNOT_COMPUTE' })]);
  });
});

describe.concurrent('wfverify net when the marking packing widens during the run', () => {
  // restart-deadlock.pnml: the only early deadlock is {w, d}; y grows to 300 and overflows the
  // 8-bit packing after that deadlock was found, and the restarted run orders states differently.
  const model = join(NETS, 'restart-deadlock.pnml');

  it('the default analysis (StateSpace + ReachabilityDeadlock) reports a real deadlock', async ({ expect }) => {
    // Act
    const r = await wfverify('net', model);

    // Assert
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^STATE_SPACE STATES 601 /m);
    expect(r.stdout).toMatch(/^FORMULA ReachabilityDeadlock TRUE /m);
    expect(r.stdout).toMatch(/^ {2}deadlock: w, d$/m);
  });

  it('--global answers without an internal error', async ({ expect }) => {
    // Act
    const r = await wfverify('net', model, '--global');

    // Assert
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FORMULA OneSafe FALSE /m);
  });
});

describe.concurrent('wfverify net on an unbounded net (test/fixtures/nets/pump.pnml)', () => {
  const model = join(NETS, 'pump.pnml');

  it('without bounds: a default state bound with a note, then pumped runs answer E G / A F', async ({ expect }) => {
    // Act
    const r = await wfverify('net', model, '--ctl', 'EG !deadlock', '--ctl', 'AF tokens(out) >= 1', '--explain');

    // Assert
    expect(r.stderr).toMatch(/^note: the net is unbounded \(a run of 1 firings repeats forever, adding tokens to q\): the explicit search stops after 3,000,000 markings/m);
    expect(r.stdout).toMatch(/^FORMULA \S+ TRUE TECHNIQUES EXPLICIT$/m);
    expect(r.stdout).toMatch(/^FORMULA \S+ FALSE TECHNIQUES EXPLICIT$/m);
    expect(r.stdout).toMatch(/infinite run/);
    expect(r.code).toBe(1); // a user's property that is false is a violation
  });

  it('bounds given by the user are kept (no note)', async ({ expect }) => {
    // Act
    const r = await wfverify('net', model, '--max-states', '1000', '--ctl', 'EG !deadlock');

    // Assert
    expect(r.stderr).not.toMatch(/unbounded/);
    expect(r.stdout).toMatch(/^FORMULA \S+ TRUE /m);
    expect(r.code).toBe(0);
  });
});

describe.concurrent('wfverify net on bad input: exit 2, a WFV1 error, no stack trace', () => {
  const broken = existsSync(BROKEN) ? readdirSync(BROKEN).filter((f) => f.endsWith('.pnml')).sort() : [];

  it('has broken fixtures', async ({ expect }) => {
    expect(broken.length).toBeGreaterThanOrEqual(10);
  });

  it.for(broken)('broken fixture %s', async (file, { expect }) => {
    // Act
    const r = await wfverify('net', join(BROKEN, file));

    // Assert
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error WFV1\d{3}/);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/\./g, '\\.')}:\\d+:\\d+: error WFV1`));
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a missing file', async ({ expect }) => {
    const r = await wfverify('net', join(ROOT, 'test', 'fixtures', 'no-such-file.pnml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error WFV1001/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('an unknown option is rejected before anything is analysed', async ({ expect }) => {
    // Arrange
    const model = requirePath(join(MCC, 'Philosophers-PT-000005', 'model.pnml'));

    // Act
    const r = await wfverify('net', model, '--no-such-option');

    // Assert
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error WFV1000: Unknown argument/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });

  it('a missing FILE argument is a usage error, not an internal error', async ({ expect }) => {
    const r = await wfverify('net');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error WFV1000/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a negative --max-states and an unknown --format value are usage errors', async ({ expect }) => {
    const model = requirePath(join(MCC, 'Philosophers-PT-000005', 'model.pnml'));
    for (const args of [['--max-states=-5'], ['--format', 'xml']]) {
      const r = await wfverify('net', model, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/error WFV1000/);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });
});

describe.concurrent('wfverify net on the WoPeD samples (parser robustness)', () => {
  const samples = existsSync(WOPED) ? readdirSync(WOPED).filter((f) => f.endsWith('.pnml')).sort() : [];

  it('finds the samples', async ({ expect }) => {
    requirePath(WOPED);
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  it.for(samples)('%s: exit 0/1/2/3, never an internal error or a stack trace', async (file, { expect }) => {
    // Act: every analysis at once (reading, invariants, the exploration and soundness).
    const r = await wfverify('net', join(WOPED, file), '--state-space', '--global', '--soundness', '--invariants', '--max-states', '20000', '--timeout', '20');

    // Assert
    expect([0, 1, 2, 3], `${file}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toMatch(/internal error/);
    if (r.code === 2) expect(r.stderr).toMatch(/error WFV1\d{3}/);
    else expect(r.stdout).toMatch(/^soundness: /m);
  });
});

describe.concurrent('wfverify net --soundness on the pm4py nets (corpus README verdicts)', () => {
  it.for([
    { file: 'figure_4_15.pnml', exit: 0, verdict: 'soundness: SOUND' },
    { file: 'figure_4_2.pnml', exit: 1, verdict: 'soundness: NOT SOUND' },
    { file: 'running-example.pnml', exit: 0, verdict: 'soundness: SOUND' },
  ])('$file: exit $exit', async ({ file, exit, verdict }, { expect }) => {
    // Arrange
    const model = requirePath(join(PM4PY, file));

    // Act
    const [text, json] = await Promise.all([wfverify('net', model, '--soundness'), wfverify('net', model, '--soundness', '--format', 'json')]);

    // Assert
    expect(text.code).toBe(exit);
    expect(text.stdout.split('\n')).toContain(verdict);
    expect(text.stderr).toBe('');
    expect(json.code).toBe(exit);
    const out = JSON.parse(json.stdout);
    expect(out.formatVersion).toBe(1);
    expect(out.soundness.sound).toBe(exit === 0);
    if (file === 'figure_4_2.pnml') {
      // README: final marking unreachable; dead transitions t_2, t_3, t_4, t_7, t_8.
      const byCondition = Object.fromEntries(out.soundness.failures.map((f: { condition: string; explanation: string }) => [f.condition, f.explanation]));
      expect(byCondition, JSON.stringify(out.soundness.failures)).toHaveProperty('option-to-complete');
      expect(byCondition['option-to-complete']).toMatch(/\[p_2\] is unreachable/);
      expect(byCondition['no-dead-transitions']).toBe('dead transitions: t_2, t_3, t_4, t_7, t_8');
    }
  });
});
