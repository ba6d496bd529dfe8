/**
 * `wfverify terminate ID [--reason TEXT] [--db PATH]`: durably queues the termination of a running
 * workflow; the worker owning the database applies it (at once if running, else when it starts,
 * before it replays any open run). No workflow code runs for it, so this ends a run whose code
 * loops when its history is replayed.
 */
import { reasonCommand } from '../inbox-command.js';

export const terminateCommand = reasonCommand({
  kind: 'terminate',
  describe: 'terminate a workflow of an engine database (no workflow code runs)',
  reasonHelp: 'reason recorded in WorkflowExecutionTerminated (default "terminated")',
  queued: 'termination queued for',
});
