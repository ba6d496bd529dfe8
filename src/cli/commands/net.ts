/**
 * `wfverify net FILE.pnml`: state space, deadlocks, MCC global properties, workflow-net
 * soundness and structural invariants of a P/T net.
 */
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, InputError } from '../../core/index.js';
import { type Examination, readPnmlFile } from '../../petri/index.js';
import { setExitCode } from '../exit.js';
import { runNet } from '../net-run.js';
import { readProperties } from '../formulas/read.js';
import { replayNetPath } from '../net-replay.js';

export interface NetArgs {
  file: string;
  'state-space': boolean;
  deadlock: boolean;
  global: boolean;
  soundness: boolean;
  invariants: boolean;
  'max-states'?: number;
  timeout?: number;
  format: 'text' | 'json';
  mcc?: string;
  ctl?: string[];
  ltl?: string[];
  explain: boolean;
  replay?: string;
}

export const netCommand: CommandModule<object, NetArgs> = {
  command: 'net <file>',
  describe: 'Analyse a P/T net (PNML): state space, deadlocks, global properties, soundness, invariants',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'PNML file of a P/T net', demandOption: true })
      .option('state-space', { type: 'boolean', default: false, describe: 'reachable markings, edges, max tokens (MCC StateSpace)' })
      .option('deadlock', { type: 'boolean', default: false, describe: 'is a deadlock reachable? (shortest trace)' })
      .option('global', { type: 'boolean', default: false, describe: 'deadlock, one-safe, quasi-liveness, liveness, stable marking' })
      .option('soundness', { type: 'boolean', default: false, describe: 'workflow-net recognition and classical soundness' })
      .option('invariants', { type: 'boolean', default: false, describe: 'P- and T-semiflows and structural facts' })
      .option('max-states', { type: 'number', describe: 'stop (inconclusive) after this many states' })
      .option('timeout', { type: 'number', describe: 'stop (inconclusive) after this many seconds' })
      .option('mcc', { type: 'string', describe: 'MCC property XML file, or a directory of them (e.g. an instance\'s formulas/)' })
      .option('ctl', { type: 'string', array: true, describe: 'a CTL property, e.g. "AG (tokens(p1) <= 1)" (repeatable)' })
      .option('ltl', { type: 'string', array: true, describe: 'an LTL property, e.g. "G F fireable(t1)" (repeatable)' })
      .option('replay', { type: 'string', describe: 'replay an action path such as 0/3/1 (printed under every trace) and show its markings' })
      .option('explain', { type: 'boolean', default: false, describe: 'print an explanation and the trace under every property line' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
      .example('$0 net examples/nets/philosophers-5.pnml --global', 'all global properties')
      .example('$0 net model.pnml --deadlock --max-states 1000000', 'bounded deadlock search')
      .example('$0 net model.pnml --mcc formulas/', 'every MCC property file of an instance') as unknown as Argv<NetArgs>,
  handler: async (args) => {
    for (const [name, v] of [['max-states', args['max-states']], ['timeout', args.timeout]] as const) {
      if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new InputError('WFV1000', `--${name} must be a non-negative number, got ${v}`);
    }
    const net = await readPnmlFile(args.file);
    if (args.replay !== undefined) {
      setExitCode(replayNetPath(net, args.replay, args.format));
      return;
    }
    const examinations = new Set<Examination>();
    if (args['state-space']) examinations.add('StateSpace');
    if (args.deadlock) examinations.add('ReachabilityDeadlock');
    if (args.global) for (const e of ['ReachabilityDeadlock', 'OneSafe', 'QuasiLiveness', 'Liveness', 'StableMarking'] as const) examinations.add(e);
    const { properties, source } = await readProperties(args);
    if (examinations.size === 0 && !args.soundness && !args.invariants && properties.length === 0) {
      examinations.add('StateSpace');
      examinations.add('ReachabilityDeadlock');
    }
    const code = runNet(net, args.file, examinations, {
      properties,
      propertiesFile: source,
      mcc: args.mcc !== undefined,
      explain: args.explain,
      soundness: args.soundness,
      invariants: args.invariants,
      format: args.format,
      bounds: { maxStates: args['max-states'], timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000 },
    });
    setExitCode(code ?? ExitCode.Holds);
  },
};
