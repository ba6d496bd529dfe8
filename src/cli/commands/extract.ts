/**
 * `wfverify extract FILE [--workflow NAME] --format ir|ir-text|pnml|dot`: shows the model
 * wfverify extracts from a workflow file (without running it): the Workflow IR as JSON or text,
 * or the workflow net of its control flow as PNML or Graphviz DOT. Diagnostics go to stderr.
 */
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, InputError } from '../../core/index.js';
import { type WorkflowIR, extractWorkflows, lowerToNet, printWorkflow } from '../../extract/index.js';
import { writePnml } from '../../petri/index.js';
import { setExitCode } from '../exit.js';
import { netToDot } from '../net-dot.js';

export interface ExtractArgs {
  file: string;
  workflow?: string;
  format: 'ir' | 'ir-text' | 'pnml' | 'dot';
}

export const extractCommand: CommandModule<object, ExtractArgs> = {
  command: 'extract <file>',
  describe: 'Show the model extracted from a workflow file: IR (JSON or text), workflow net (PNML or DOT)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'a TypeScript workflow file', demandOption: true })
      .option('workflow', { type: 'string', describe: 'the workflow (exported function) to show; default: all' })
      .option('format', { choices: ['ir', 'ir-text', 'pnml', 'dot'] as const, default: 'ir-text' as const })
      .example('$0 extract examples/loan-approval/workflow.ts --format dot | dot -Tsvg > loan.svg', 'draw the workflow net') as unknown as Argv<ExtractArgs>,
  handler: async (args) => {
    const r = extractWorkflows([args.file], { ...(args.workflow ? { workflow: args.workflow } : {}) });
    const fatal = [...r.errors, ...r.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error'))];
    if (fatal.length > 0) {
      for (const e of fatal) process.stderr.write(`${e.span.file}:${e.span.line}:${e.span.column}: error ${e.code}: ${e.message}\n`);
      setExitCode(ExitCode.BadInput);
      return;
    }
    const workflows: WorkflowIR[] = r.files.flatMap((f) => f.workflows);
    if (workflows.length === 0) throw new InputError('WFV3003', `${args.file}: no workflow found`, { location: { file: args.file } });
    for (const w of workflows) {
      for (const d of w.diagnostics) process.stderr.write(`${d.span.file}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}\n`);
    }
    const parts: string[] = [];
    for (const w of workflows) {
      switch (args.format) {
        case 'ir':
          parts.push(JSON.stringify(w, null, 2));
          break;
        case 'ir-text':
          parts.push(printWorkflow(w));
          break;
        case 'pnml':
        case 'dot': {
          const lowered = lowerToNet(w);
          for (const d of lowered.diagnostics) process.stderr.write(`${d.span.file}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}\n`);
          parts.push(args.format === 'pnml' ? writePnml(lowered.net) : netToDot(lowered.net, lowered.transitionSteps.map((s) => s.label)));
          break;
        }
      }
    }
    process.stdout.write(`${args.format === 'ir' && parts.length > 1 ? `[${parts.join(',\n')}]` : parts.join('\n\n')}\n`);
    setExitCode(ExitCode.Holds);
  },
};
