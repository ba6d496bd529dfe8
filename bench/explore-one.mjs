// Benchmarks one exploration in this process and prints one JSON line. Used by bench/run.mjs,
// which starts a fresh process per instance so that peak memory is per instance.
// Usage: node bench/explore-one.mjs FILE.pnml
import { explore } from '../dist/core/index.js';
import { PetriSystem, readPnmlFile, structuralPlaceBounds } from '../dist/petri/index.js';

const file = process.argv[2];
const net = await readPnmlFile(file);
const system = new PetriSystem(net, { placeBounds: structuralPlaceBounds(net) });
const started = process.hrtime.bigint();
const x = explore(system, {});
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage();
const packedBytes = x.store.words * 4;
// Per-state storage beyond the packed marking: the hash index and arena slack (store) plus the
// BFS parent and parent-action arrays (2 × 4 bytes, with their growth slack).
const parentBytes = (x.parents.byteLength + x.parentActions.byteLength) / x.stats.states;
console.log(JSON.stringify({
  net: net.name,
  status: x.status,
  states: x.stats.states,
  transitions: x.stats.transitions,
  depth: x.stats.depth,
  ms: Math.round(ms),
  statesPerSecond: Math.round((x.stats.states / ms) * 1000),
  edgesPerSecond: Math.round((x.stats.transitions / ms) * 1000),
  packedBytesPerState: packedBytes,
  overheadBytesPerState: Number((x.store.overheadPerState() + parentBytes).toFixed(1)),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  cpuUserMs: Math.round(cpu.user / 1000),
}));
