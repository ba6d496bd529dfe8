/**
 * `wfverify export FILE --to tla|uppaal|promela [--workflow NAME] [--spec FILE] [--out DIR]`:
 * hands a model to the tools users already trust. FILE is a P/T net (`.pnml`: TLA+ or Promela)
 * or a workflow file (`.ts`: TLA+, UPPAAL or Promela of each workflow's model). Properties come
 * from `--spec`, else from the `*.wfspec` files beside the workflow file that name the workflow.
 * Without `--out`, the files are printed one after another, each under a `==> NAME <==` line;
 * properties a target cannot express are listed on stderr (and as comments in the files).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, InputError } from '../../core/index.js';
import { type WorkflowIR, extractWorkflows } from '../../extract/index.js';
import { type Formula, parseSpec } from '../../logic/index.js';
import { readPnmlFile } from '../../petri/index.js';
import { writePromela, writePromelaWorkflow, writeTlaNet, writeTlaWorkflow, writeUppaal, type TlaExport } from '../../tla-export/index.js';
import { setExitCode } from '../exit.js';

export interface ExportArgs {
  file: string;
  to: 'tla' | 'uppaal' | 'promela';
  workflow?: string;
  spec?: string;
  out?: string;
}

interface OutFile {
  readonly name: string;
  readonly text: string;
}

/** The properties of `workflow` in the given spec file, or in the `.wfspec` files beside `file`. */
function propertiesFor(workflow: string, file: string, specFile: string | undefined): { name: string; formula: Formula }[] {
  const specs = specFile !== undefined ? [specFile] : readdirSync(path.dirname(path.resolve(file))).filter((f) => f.endsWith('.wfspec')).map((f) => path.join(path.dirname(file), f));
  const props: { name: string; formula: Formula }[] = [];
  for (const s of specs) {
    let text: string;
    try {
      text = readFileSync(s, 'utf8');
    } catch (e) {
      throw new InputError('WFV1001', `cannot read ${s}: ${(e as Error).message}`, { location: { file: s } });
    }
    for (const block of parseSpec(text, s).blocks) {
      if (block.workflow !== workflow) continue;
      if (block.workflowFile !== null && path.resolve(path.dirname(s), block.workflowFile) !== path.resolve(file)) continue;
      for (const p of block.properties) props.push({ name: p.name, formula: p.formula });
    }
  }
  return props;
}

/** The module and cfg, and the monitor module and its cfg when properties need history variables. */
function tlaFiles(t: TlaExport): OutFile[] {
  const files = [{ name: `${t.moduleName}.tla`, text: t.module }, { name: `${t.moduleName}.cfg`, text: t.cfg }];
  if (t.monitors) files.push({ name: `${t.monitors.moduleName}.tla`, text: t.monitors.module }, { name: `${t.monitors.moduleName}.cfg`, text: t.monitors.cfg });
  return files;
}

function exportWorkflow(w: WorkflowIR, args: ExportArgs): { files: OutFile[]; notes: string[] } {
  const props = propertiesFor(w.name, args.file, args.spec);
  switch (args.to) {
    case 'tla': {
      const t = writeTlaWorkflow(w, props);
      return { files: tlaFiles(t), notes: t.notes };
    }
    case 'uppaal': {
      const u = writeUppaal(w, props);
      return { files: [{ name: `${w.name}.xml`, text: u.xml }, { name: `${w.name}.q`, text: u.queries }], notes: u.notes };
    }
    case 'promela': {
      const p = writePromelaWorkflow(w, props);
      return { files: [{ name: `${w.name}.pml`, text: p.text }], notes: p.properties.filter((x) => x.ltlName === null).map((x) => `${x.name}: ${x.note ?? 'not expressible in SPIN LTL'}`) };
    }
  }
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <file>',
  describe: 'Export a net or a workflow model to TLA+ (TLC, Apalache), UPPAAL or Promela (SPIN)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'a P/T net (.pnml) or a TypeScript workflow file', demandOption: true })
      .option('to', { choices: ['tla', 'uppaal', 'promela'] as const, demandOption: true, describe: 'the target' })
      .option('workflow', { type: 'string', describe: 'the workflow to export (default: every workflow of the file)' })
      .option('spec', { type: 'string', describe: 'a .wfspec with the properties (default: the .wfspec files beside the workflow)' })
      .option('out', { type: 'string', describe: 'write the files into this directory (default: print them)' })
      .example('$0 export examples/loan-approval/workflow.ts --to tla --out build/tla', 'a TLA+ module and TLC config per workflow')
      .example('$0 export examples/nets/philosophers-5.pnml --to promela', 'Promela for SPIN') as unknown as Argv<ExportArgs>,
  handler: async (args) => {
    const files: OutFile[] = [];
    const notes: string[] = [];
    if (args.file.endsWith('.pnml')) {
      const net = await readPnmlFile(args.file);
      const base = path.basename(args.file, '.pnml');
      if (args.to === 'uppaal') throw new InputError('WFV1000', 'UPPAAL export is for workflow models (timeouts become clocks); export a net with --to tla or --to promela');
      if (args.to === 'tla') {
        const t = writeTlaNet(net, [], {});
        files.push(...tlaFiles(t));
        notes.push(...t.notes);
      } else files.push({ name: `${base}.pml`, text: writePromela(net) });
    } else {
      const r = extractWorkflows([args.file], { ...(args.workflow ? { workflow: args.workflow } : {}) });
      const fatal = [...r.errors, ...r.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error'))];
      if (fatal.length > 0) {
        for (const e of fatal) process.stderr.write(`${e.span.file}:${e.span.line}:${e.span.column}: error ${e.code}: ${e.message}\n`);
        setExitCode(ExitCode.BadInput);
        return;
      }
      for (const w of r.files.flatMap((f) => f.workflows)) {
        const x = exportWorkflow(w, args);
        files.push(...x.files);
        notes.push(...x.notes.map((n) => `${w.name}: ${n}`));
      }
    }
    for (const n of notes) process.stderr.write(`note: ${n}\n`);
    if (args.out !== undefined) {
      mkdirSync(args.out, { recursive: true });
      for (const f of files) writeFileSync(path.join(args.out, f.name), f.text.endsWith('\n') ? f.text : `${f.text}\n`);
      process.stdout.write(`${files.map((f) => path.join(args.out as string, f.name)).join('\n')}\n`);
    } else {
      process.stdout.write(files.map((f) => `==> ${f.name} <==\n${f.text.endsWith('\n') ? f.text : `${f.text}\n`}`).join('\n'));
    }
    setExitCode(ExitCode.Holds);
  },
};
