#!/usr/bin/env node
// Entry point of the `wfverify` command: loads the compiled CLI (run `npm run build` first;
// `npm ci` does it through the `prepare` script).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`wfverify: internal error (please report): ${err && err.stack ? err.stack : err}`);
    process.exitCode = 70;
  },
);
