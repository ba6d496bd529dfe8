// Benchmarks one exploration in this process and prints one JSON line. Used by bench/run.mjs,
// which starts a fresh process per instance so that peak memory is per instance.
// Runs the exploration `wfverify net --state-space` runs: the level-synchronous fast path
// (exploreLevels) on the net packed with its structural place bounds.
// Usage: node bench/explore-one.mjs FILE.pnml [--classic]   (--classic: the per-edge explorer)
import { explore, exploreLevels } from '../dist/core/index.js';
import { PetriSystem, readPnmlFile, structuralPlaceBounds } from '../dist/petri/index.js';

const file = process.argv[2];
const classic = process.argv.includes('--classic');
const net = await readPnmlFile(file);
const system = new PetriSystem(net, { placeBounds: structuralPlaceBounds(net) });
const cpu0 = process.cpuUsage();
const started = process.hrtime.bigint();
const x = classic ? explore(system, {}) : exploreLevels(system, {});
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpu0);
const packedBytes = x.store.words * 4;
// Per-state storage beyond the packed marking: the index and arena slack (store), the BFS parent
// and parent-action arrays (2 × 4 bytes, with their growth slack) and, for the fast path, the
// largest candidate buffer of the run.
const parentBytes = (x.parents.byteLength + x.parentActions.byteLength) / x.stats.states;
const bufferBytes = (x.bufferBytes ?? 0) / x.stats.states;
console.log(JSON.stringify({
  net: net.name,
  explorer: classic ? 'explore' : 'exploreLevels',
  status: x.status,
  states: x.stats.states,
  transitions: x.stats.transitions,
  depth: x.stats.depth,
  ms: Math.round(ms),
  statesPerSecond: Math.round((x.stats.states / ms) * 1000),
  edgesPerSecond: Math.round((x.stats.transitions / ms) * 1000),
  packedBytesPerState: packedBytes,
  overheadBytesPerState: Number((x.store.overheadPerState() + parentBytes + bufferBytes).toFixed(1)),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  cpuUserMs: Math.round(cpu.user / 1000),
}));
