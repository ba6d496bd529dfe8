// `npm run bench:engine`: throughput and latency of the bundled engine on the three-activity
// workflow (examples/workflows/payment `threeSteps`) at 1k, 10k and 100k workflows, durable
// (SQLite, sync=full) and in memory. Each configuration runs in its own process (clean peak
// memory). Beside each size runs the sandbox floor (./floor.mjs: the workflow code in the vm with
// no engine work); each result carries its throughput as a fraction of that floor.
// Results: bench/results/engine-<date>-<sha>.json. Sizes: BENCH_SIZES=1000,10000.
// The engine runs with its defaults (deadlock timeout, batch size, sync policy `full`).
// Each size and mode runs twice: all workflows started at once (throughput; latency is then about
// the whole run), and a closed loop with 100 under way (start-to-completion latency under load).
// By hand: `node bench/engine/run.mjs build`, then `node [--cpu-prof] bench/engine/run.mjs one N durable|memory [IN_FLIGHT]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'node_modules/.cache/wfverify-engine-bench');

function build() {
  const ts = createRequire(import.meta.url)('typescript');
  const src = path.join(root, 'src/engine');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  for (const rel of readdirSync(src, { recursive: true }).map(String)) {
    if (!rel.endsWith('.ts')) continue;
    const code = ts.transpileModule(readFileSync(path.join(src, rel), 'utf8'), { fileName: rel, compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel.replace(/\.ts$/, '.js')), code);
  }
}

/**
 * Runs `n` workflows in `mode`; `inFlight` = 0 starts them all at once (latency ≈ the whole run),
 * otherwise a closed loop keeps that many under way (each completion starts the next).
 */
async function one(n, mode, inFlight = 0) {
  const { Engine, loadActivities } = await import(path.join(out, 'index.js'));
  const wf = path.join(root, 'examples/workflows/payment/workflows.ts');
  const db = mode === 'durable' ? path.join(os.tmpdir(), `wfv-bench-${process.pid}.db`) : ':memory:';
  rmSync(db, { force: true });
  const engine = await Engine.open({ db, sync: 'full', workflows: wf, activities: loadActivities(path.join(root, 'examples/workflows/payment/activities.ts')) });
  const started = new Map();
  const lat = [];
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  let next = 0;
  const ids = [];
  const launch = () => {
    const i = next++;
    started.set(`w${i}`, performance.now()); // from the call to start
    ids.push(engine.start('threeSteps', { workflowId: `w${i}`, args: [`o${i}`, i + 1] }));
  };
  engine.subscribe((e) => {
    if (e.kind !== 'history' || e.event.eventType !== 'WorkflowExecutionCompleted') return;
    lat.push(performance.now() - started.get(e.workflowId));
    if (inFlight > 0 && next < n) launch();
  });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < (inFlight > 0 ? Math.min(inFlight, n) : n); i++) launch();
  while (lat.length < n) await new Promise((r) => setTimeout(r, 5));
  await Promise.all(ids);
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  lat.sort((a, b) => a - b);
  const r = {
    workflows: n, mode, inFlight: inFlight > 0 ? inFlight : 'all', seconds: +secs.toFixed(3), workflowsPerSec: Math.round(n / secs), activityTasksPerSec: Math.round((3 * n) / secs),
    p50LatencyMs: +lat[Math.floor(lat.length * 0.5)].toFixed(1), p99LatencyMs: +lat[Math.floor(lat.length * 0.99)].toFixed(1),
    peakRssMb: Math.round(peak / 2 ** 20), commits: engine.stats.commits, events: engine.stats.events,
    // CPU time of this process (user + system, all threads): the machine may be shared, so wall-clock
    // figures can be lower than the engine's cost alone would give
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
  };
  await engine.close();
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  return r;
}

if (process.argv[2] === 'build') {
  build(); // only transpile (for profiling `one` runs by hand)
} else if (process.argv[2] === 'one') {
  const r = await one(Number(process.argv[3]), process.argv[4], Number(process.argv[5] ?? 0));
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  build();
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const results = [];
  const floors = [];
  for (const n of sizes) {
    // the peer run side by side: the bare sandbox (./floor.mjs), what running the workflow code costs before any engine work
    const f = spawnSync(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor.mjs'), String(n)], { encoding: 'utf8' });
    if (f.status !== 0) { process.stderr.write(f.stderr); process.exit(1); }
    const floor = JSON.parse(f.stdout.trim());
    floors.push(floor);
    console.log(`workflows=${n} sandbox floor: activity-tasks/s=${floor.activityTasksPerSec} cpu=${floor.cpuMicrosPerWorkflow}µs/workflow`);
    // all started at once (throughput), then a closed loop of 100 under way (latency under load)
    for (const [mode, inFlight] of [['durable', 0], ['memory', 0], ['durable', 100], ['memory', 100]]) {
      const p = spawnSync(process.execPath, ['--max-old-space-size=16000', fileURLToPath(import.meta.url), 'one', String(n), mode, String(inFlight)], { encoding: 'utf8' });
      if (p.status !== 0) { process.stderr.write(p.stderr); process.exit(1); }
      const r = JSON.parse(p.stdout.trim().split('\n').at(-1));
      r.fractionOfSandboxFloor = +(r.activityTasksPerSec / floor.activityTasksPerSec).toFixed(3);
      results.push(r);
      console.log(`workflows=${r.workflows} mode=${r.mode} in-flight=${r.inFlight} workflows/s=${r.workflowsPerSec} activity-tasks/s=${r.activityTasksPerSec} p50=${r.p50LatencyMs}ms p99=${r.p99LatencyMs}ms peak-rss=${r.peakRssMb}MB cpu=${r.cpuSeconds}s floor-fraction=${r.fractionOfSandboxFloor} load=${os.loadavg()[0].toFixed(1)}`);
    }
  }
  let commit = 'unknown';
  try { commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* no commits yet */ }
  let engineChanged = false; // true when src/engine or this bench differ from `commit` (measured on a work tree)
  try { engineChanged = execFileSync('git', ['status', '--porcelain', '--', 'src/engine', 'bench/engine'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== ''; } catch { /* no git */ }
  const date = new Date().toISOString();
  const file = path.join(root, 'bench/results', `engine-${date.slice(0, 10)}-${commit.slice(0, 8)}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ benchmark: 'engine three-activity workflow', date, commit, engineChanged, node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, results, sandboxFloor: floors }, null, 2)}\n`);
  console.log(`results written to ${path.relative(root, file)}`);
}
