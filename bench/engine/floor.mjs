// The sandbox floor of the engine benchmark: the least any engine that runs workflow code the way
// wfverify's does can spend on the three-activity workflow, measured on this machine beside the
// engine (`npm run bench:engine` reports both and their ratio).
//
// What it keeps of the engine: the workflow body (three awaited activities, then a result) runs
// in a `node:vm` context with `microtaskMode: 'afterEvaluate'`, one evaluation per activation
// (start, then one per activity result), so that each activation's promise chain is drained
// before its commands are read; commands leave the sandbox as JSON copies; activities are host
// `async` functions. What it leaves out: history events, the run state machine, the activity
// queue with retries and timeouts, the deadlock watchdog, observers, ids and the store — all the
// engine's own work. Every workflow is started at once, as in the engine benchmark.
//
// Usage: node bench/engine/floor.mjs N  → one JSON line (activity tasks/s, CPU µs per workflow).
import vm from 'node:vm';

/** Runs `n` three-activity workflows on the bare sandbox; resolves with the figures. */
async function floor(n) {
  const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
  vm.runInContext(`
    let box = { fn: undefined, args: undefined, out: undefined };
    globalThis.newRun = () => {
      const run = { commands: [], pending: undefined };
      const activity = (name, args) => new Promise((resolve) => {
        run.pending = resolve;
        run.commands.push({ type: 'scheduleActivity', name, args: JSON.parse(JSON.stringify(args)) });
      });
      run.start = (orderId, amount) => {
        (async () => {
          const r = await activity('reserveFunds', [orderId, amount]);
          const c = await activity('chargeCard', [orderId, amount]);
          await activity('sendReceipt', [orderId, c]);
          return r + '/' + c;
        })().then((result) => { run.commands.push({ type: 'completeWorkflow', result }); });
      };
      run.resolve = (value) => { const p = run.pending; run.pending = undefined; p(value); };
      return run;
    };`, context);
  const call = new vm.Script('box.out = box.fn.apply(undefined, box.args)');
  const box = vm.runInContext('box', context);
  const newRun = vm.runInContext('newRun', context);
  const invoke = (fn, args) => {
    box.fn = fn;
    box.args = args;
    call.runInContext(context);
    box.fn = box.args = undefined;
  };
  const activities = {
    reserveFunds: async (orderId, amount) => `res-${orderId}-${amount}`,
    chargeCard: async (orderId) => `charge-${orderId}`,
    sendReceipt: async () => undefined,
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await new Promise((finished) => {
    let completed = 0;
    const activate = (run, fn, args) => {
      invoke(fn, args);
      const commands = run.commands;
      run.commands = [];
      for (const c of commands) {
        if (c.type === 'completeWorkflow') {
          if (++completed === n) finished();
        } else {
          activities[c.name](...JSON.parse(JSON.stringify(c.args))).then((v) => activate(run, run.resolve, [v === undefined ? null : v]));
        }
      }
    };
    for (let i = 0; i < n; i++) {
      const run = newRun();
      activate(run, run.start, [`o${i}`, i + 1]);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    workflows: n, seconds: +seconds.toFixed(3), activityTasksPerSec: Math.round((3 * n) / seconds),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3), cpuMicrosPerWorkflow: +((cpu.user + cpu.system) / n).toFixed(1),
  };
}

process.stdout.write(`${JSON.stringify(await floor(Number(process.argv[2] ?? 10000)))}\n`);
