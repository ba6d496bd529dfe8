/**
 * Which recorded event a command corresponds to, and human descriptions of both for
 * nondeterminism messages. Matching compares identity (kind, activity type and id, timer id,
 * child workflow type, patch id), never payloads, as Temporal does: an upsert of search attributes
 * or memo matches its event whatever the values.
 */
import type { HistoryEvent } from '../history/events.js';
import type { Command } from '../model/commands.js';
import { outcomeOfMarker } from '../history/local-activity-marker.js';

/** True if `e` is the event recorded for command `c`. */
export function commandMatchesEvent(c: Command, e: HistoryEvent): boolean {
  switch (c.type) {
    case 'scheduleActivity':
      return e.eventType === 'ActivityTaskScheduled' && e.attributes.activityType === c.activityType && e.attributes.activityId === c.activityId;
    case 'requestCancelActivity': return e.eventType === 'ActivityTaskCancelRequested';
    case 'startTimer': return e.eventType === 'TimerStarted' && e.attributes.timerId === String(c.seq);
    case 'cancelTimer': return e.eventType === 'TimerCanceled' && e.attributes.timerId === String(c.seq);
    case 'startChild':
      return e.eventType === 'StartChildWorkflowExecutionInitiated' && e.attributes.workflowType === c.workflowType && e.attributes.workflowId === c.workflowId;
    case 'requestCancelExternal': return e.eventType === 'RequestCancelExternalWorkflowExecutionInitiated';
    case 'signalExternal': return e.eventType === 'SignalExternalWorkflowExecutionInitiated' && e.attributes.signalName === c.signalName;
    case 'setPatchMarker': return e.eventType === 'MarkerRecorded' && e.attributes.details.patchId === c.patchId;
    case 'recordLocalActivityMarker': {
      const o = e.eventType === 'MarkerRecorded' ? outcomeOfMarker(e.attributes) : undefined;
      return o !== undefined && o.seq === c.outcome.seq && o.activityType === c.outcome.activityType && o.activityId === c.outcome.activityId;
    }
    // a local activity has no event of its own: its outcome's marker matches the engine's `recordLocalActivityMarker`
    case 'scheduleLocalActivity': case 'requestCancelLocalActivity': return false;
    case 'upsertSearchAttributes': return e.eventType === 'UpsertWorkflowSearchAttributes';
    case 'modifyWorkflowProperties': return e.eventType === 'WorkflowPropertiesModified';
    case 'acceptUpdate': return e.eventType === 'WorkflowExecutionUpdateAccepted' && e.attributes.updateId === c.updateId;
    case 'completeUpdate': return e.eventType === 'WorkflowExecutionUpdateCompleted' && e.attributes.updateId === c.updateId;
    case 'completeWorkflow': return e.eventType === 'WorkflowExecutionCompleted';
    case 'failWorkflow': return e.eventType === 'WorkflowExecutionFailed';
    case 'cancelWorkflow': return e.eventType === 'WorkflowExecutionCanceled';
    case 'continueAsNew': return e.eventType === 'WorkflowExecutionContinuedAsNew';
    default: {
      const never: never = c;
      return Boolean(never);
    }
  }
}

/** `scheduleActivity "charge" (activityId 2)` and the like. */
export function describeCommand(c: Command): string {
  switch (c.type) {
    case 'scheduleActivity': return `scheduleActivity "${c.activityType}" (activityId ${c.activityId})`;
    case 'startTimer': return `startTimer (timerId ${c.seq}, ${c.durationMs} ms)`;
    case 'cancelTimer': return `cancelTimer (timerId ${c.seq})`;
    case 'startChild': return `startChild "${c.workflowType}" (workflowId ${c.workflowId})`;
    case 'signalExternal': return `signalExternal "${c.signalName}" to ${c.workflowId}`;
    case 'setPatchMarker': return `patch marker "${c.patchId}"`;
    case 'scheduleLocalActivity': return `scheduleLocalActivity "${c.activityType}" (seq ${c.seq})`;
    case 'recordLocalActivityMarker': return `local activity marker "${c.outcome.activityType}" (seq ${c.outcome.seq})`;
    case 'upsertSearchAttributes': return `upsertSearchAttributes (${Object.keys(c.searchAttributes).join(', ') || 'none'})`;
    case 'modifyWorkflowProperties': return `upsertMemo (${Object.keys(c.upsertedMemo).join(', ') || 'none'})`;
    case 'acceptUpdate': case 'completeUpdate': return `${c.type} ${c.updateId}`;
    default: return c.type;
  }
}

/** `ActivityTaskScheduled "charge" (activityId 2)` and the like. */
export function describeEvent(e: HistoryEvent): string {
  switch (e.eventType) {
    case 'ActivityTaskScheduled': return `ActivityTaskScheduled "${e.attributes.activityType}" (activityId ${e.attributes.activityId})`;
    case 'TimerStarted': return `TimerStarted (timerId ${e.attributes.timerId})`;
    case 'TimerCanceled': return `TimerCanceled (timerId ${e.attributes.timerId})`;
    case 'StartChildWorkflowExecutionInitiated': return `StartChildWorkflowExecutionInitiated "${e.attributes.workflowType}" (workflowId ${e.attributes.workflowId})`;
    case 'MarkerRecorded': {
      const o = outcomeOfMarker(e.attributes);
      return o === undefined ? `MarkerRecorded "${e.attributes.markerName}" ${JSON.stringify(e.attributes.details)}` : `local activity marker "${o.activityType}" (seq ${o.seq})`;
    }
    case 'UpsertWorkflowSearchAttributes': return `UpsertWorkflowSearchAttributes (${Object.keys(e.attributes.searchAttributes).join(', ') || 'none'})`;
    case 'WorkflowPropertiesModified': return `WorkflowPropertiesModified (memo ${Object.keys(e.attributes.upsertedMemo).join(', ') || 'none'})`;
    default: return e.eventType;
  }
}
