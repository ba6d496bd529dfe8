/**
 * UPPAAL export of a workflow: a timed-automata network (`nta` XML) with one template per thread
 * slot of the workflow's process graph, slot clocks from the workflow's durations, and its
 * properties as UPPAAL queries (embedded and as a `.q` file). docs/export-uppaal.md describes
 * the encoding, the time unit, the committed locations and what cannot be expressed.
 *
 * Contract: `writeUppaal` is deterministic and total on extracted IR; everything it cannot
 * express exactly is over-approximated (more behaviour) or skipped, and said in `notes`.
 */
import { compileWorkflow, type WorkflowIR } from '../../extract/index.js';
import { type Formula, print } from '../../logic/index.js';
import { clocksOf } from './clocks.js';
import { Globals } from './globals.js';
import { StateTranslator, translateProperty } from './queries.js';
import { buildTemplates } from './templates.js';
import { type XQuery, printDocument } from './xml.js';

export { UPPAAL_RESERVED, NameTable, sanitize } from './names.js';
export { activityTiming, backoffsMs, chooseUnit } from './timing.js';
export type { ActivityTiming, TimeUnit } from './timing.js';

export interface UppaalProperty {
  readonly name: string;
  readonly formula: Formula;
}

export interface UppaalExport {
  /** The UPPAAL model (XML, with the queries embedded). */
  readonly xml: string;
  /** The queries as a `.q` file for `verifyta model.xml model.q`. */
  readonly queries: string;
  /** What was approximated or left out. */
  readonly notes: string[];
}

/** Compensation-list capacity of the exported model (the reference model's default). */
const MAX_COMPENSATIONS = 8;
/** The per-template clock. */
const CLOCK = 'x';

export function writeUppaal(ir: WorkflowIR, properties: readonly UppaalProperty[]): UppaalExport {
  const { graph } = compileWorkflow(ir, MAX_COMPENSATIONS);
  const G = new Globals(ir, graph);
  const clocks = clocksOf(ir, graph, CLOCK);
  const { templates, notes } = buildTemplates(ir, graph, G, clocks, CLOCK);
  const procs = templates.map((t) => G.names.fresh(`${t.name}_p`));
  const ready = G.needsStart ? `!${procs[0]}.start` : null;
  const st = new StateTranslator(ir, graph, G);
  const xq: XQuery[] = [];
  const q: string[] = [`// UPPAAL queries for workflow ${ir.name} (wfverify; time unit: ${clocks.unit})`];
  for (const p of properties) {
    const text = print(p.formula).replace(/\*\//g, '* /');
    const r = translateProperty(p.formula, st, ready);
    if ('query' in r) {
      xq.push({ formula: r.query, comment: `${p.name}: ${text}` });
      q.push('', `/* ${p.name}: ${text} */`, r.query);
    } else {
      notes.push(`property ${p.name} is not expressible as a UPPAAL query: ${r.reason}`);
      q.push('', `// ${p.name}: not expressible (${r.reason}): ${text.replace(/\n/g, ' ')}`);
    }
  }
  if (clocks.unit === 'ms') notes.push('durations are written in milliseconds (some are not whole seconds)');
  notes.push(...new Set(clocks.notes));
  const system = [`// time unit: ${clocks.unit === 's' ? 'seconds' : 'milliseconds'}`,
    ...templates.map((t, i) => `${procs[i]} = ${t.name}();`), `system ${procs.join(', ')};`].join('\n');
  const xml = printDocument({ declaration: G.declaration(), templates, system, queries: xq });
  return { xml, queries: `${q.join('\n')}\n`, notes };
}
