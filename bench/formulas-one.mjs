// Times one MCC property file on one net in this process and prints one JSON line
// (used by bench/run.mjs). Usage: node bench/formulas-one.mjs MODEL.pnml FORMULAS.xml
import { readFileSync } from 'node:fs';
import { checkNetProperties } from '../dist/cli/formulas/run.js';
import { parseMccXml } from '../dist/logic/index.js';
import { readPnmlFile } from '../dist/petri/index.js';

const [model, formulas] = process.argv.slice(2);
const net = await readPnmlFile(model);
const props = parseMccXml(readFileSync(formulas, 'utf8'), formulas).map((p) => ({ id: p.id, formula: p.formula }));
const started = process.hrtime.bigint();
const report = checkNetProperties(net, props, { file: formulas });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({
  net: net.name,
  properties: props.length,
  answered: report.outcomes.filter((o) => o.answer !== undefined).length,
  graphStates: report.exploration?.stats.states,
  graphEdges: report.exploration?.stats.transitions,
  ms: Math.round(ms),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}));
