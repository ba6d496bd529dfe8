#!/usr/bin/env node
// TAPAAL sweep: runs the vitest suite that checks every labelled property of ../shared/corpus/tapaal.
import { spawnSync } from 'node:child_process';
const r = spawnSync('npx', ['vitest', 'run', 'test/integration/tapaal.test.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
