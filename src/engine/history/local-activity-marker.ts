/**
 * The `core_local_activity` marker: how Temporal's core SDK records a local activity's outcome
 * (`MarkerRecorded`, details `data` = its `LocalActivityMarkerData` as JSON with snake_case
 * fields and `{seconds, nanos}` times, `result` = the result when it completed; the marker's
 * `failure` when it did not). The engine writes and reads exactly this shape, so that its
 * histories replay on Temporal's SDK and Temporal's replay on the engine.
 */
import type { LocalActivityOutcome } from '../model/commands.js';
import type { EventAttributes, FailureInfo } from './events.js';

export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

type MarkerAttributes = EventAttributes['MarkerRecorded'];

interface ProtoTime { seconds: number; nanos: number }

function toProto(ms: number): ProtoTime {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

function fromProto(t: unknown): number | undefined {
  if (t === null || typeof t !== 'object') return undefined;
  const { seconds, nanos } = t as { seconds?: unknown; nanos?: unknown };
  const s = Number(seconds ?? 0);
  const n = Number(nanos ?? 0);
  return Number.isFinite(s) && Number.isFinite(n) ? s * 1000 + Math.round(n / 1e6) : undefined;
}

/** The marker's attributes for `o`, recorded by the workflow task completed at event `done`. */
export function localActivityMarker(o: LocalActivityOutcome, done: number): MarkerAttributes {
  const data = {
    seq: o.seq, attempt: o.attempt, activity_id: o.activityId, activity_type: o.activityType,
    complete_time: o.completeTime === undefined ? null : toProto(o.completeTime),
    backoff: o.backoffMs === undefined ? null : toProto(o.backoffMs),
    original_schedule_time: toProto(o.originalScheduleTime),
  };
  // an undefined result stays undefined (JSON drops the member; Temporal JSON writes it as a binary/null payload)
  const details: Record<string, unknown> = o.failure === undefined ? { data, result: o.result } : { data };
  return o.failure === undefined ? { markerName: LOCAL_ACTIVITY_MARKER, details, workflowTaskCompletedEventId: done } : { markerName: LOCAL_ACTIVITY_MARKER, details, failure: o.failure, workflowTaskCompletedEventId: done };
}

/** The outcome a local activity marker records; undefined for any other marker or a malformed one. */
export function outcomeOfMarker(a: MarkerAttributes): LocalActivityOutcome | undefined {
  if (a.markerName !== LOCAL_ACTIVITY_MARKER) return undefined;
  const d = a.details.data as Record<string, unknown> | null | undefined;
  if (d === null || typeof d !== 'object' || typeof d.seq !== 'number') return undefined;
  const failure: FailureInfo | undefined = a.failure;
  return {
    seq: d.seq, activityId: String(d.activity_id ?? ''), activityType: String(d.activity_type ?? ''), attempt: Number(d.attempt ?? 1),
    completeTime: fromProto(d.complete_time), backoffMs: fromProto(d.backoff), originalScheduleTime: fromProto(d.original_schedule_time) ?? 0,
    ...(failure === undefined ? { result: a.details.result } : { failure }),
  };
}
