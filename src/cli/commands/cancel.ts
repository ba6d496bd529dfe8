/**
 * `wfverify cancel ID [--reason TEXT] [--db PATH]`: durably queues a cancellation request for a
 * running workflow; the worker owning the database delivers it (at once if running, else when it
 * starts) and the workflow's code sees it as Temporal's cancellation.
 */
import { reasonCommand } from '../inbox-command.js';

export const cancelCommand = reasonCommand({
  kind: 'cancel',
  describe: 'request cancellation of a workflow of an engine database',
  reasonHelp: 'cause recorded in WorkflowExecutionCancelRequested (default "cancelled")',
  queued: 'cancellation requested for',
});
