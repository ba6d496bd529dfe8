/**
 * Temporal's JSON history format, as written by `temporal workflow show --output json`
 * (proto3 JSON: `{"events":[{"eventId":"1","eventTime":"…","eventType":"EVENT_TYPE_…",
 * "<camelType>EventAttributes":{…}}]}`), both event-type spellings on input
 * (`EVENT_TYPE_WORKFLOW_EXECUTION_STARTED` and the older `WorkflowExecutionStarted`).
 *
 * Payloads are `json/plain` (base64); other encodings are kept as `{encoding, data}` on input.
 * Durations are `"1.5s"` strings. Event types the engine does not model are read as `Unknown`
 * with their raw attributes, so any Temporal history can be read (for the runtime monitor).
 */
import { EngineInputError } from '../errors.js';
import { EVENT_TYPES, type EventType, type FailureInfo, type HistoryEvent } from './events.js';
import { HistorySizer } from './history-size.js';
import { decodeAttributes, encodeAttributes } from './temporal-attributes.js';

/** `WorkflowExecutionStarted` → `EVENT_TYPE_WORKFLOW_EXECUTION_STARTED`. */
export function toTemporalEventType(t: string): string {
  return `EVENT_TYPE_${t.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** Either spelling → `WorkflowExecutionStarted`. */
export function fromTemporalEventType(t: string): string {
  if (!t.startsWith('EVENT_TYPE_')) return t;
  return t.slice('EVENT_TYPE_'.length).toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function attributesKey(pascal: string): string {
  return `${pascal.charAt(0).toLowerCase()}${pascal.slice(1)}EventAttributes`;
}

const KNOWN = new Set<string>(EVENT_TYPES);

/** Encodes an engine history as Temporal JSON (`{ events: [...] }`). */
export function historyToTemporalJson(events: readonly HistoryEvent[]): { events: Record<string, unknown>[] } {
  // The JSON round trip drops `undefined` members, which proto JSON readers reject.
  return JSON.parse(JSON.stringify(toJson(events))) as { events: Record<string, unknown>[] };
}

function toJson(events: readonly HistoryEvent[]): { events: Record<string, unknown>[] } {
  const sizes = new HistorySizer();
  sizes.add(events);
  return {
    events: events.map((e) => {
      if (e.eventType === 'Unknown') {
        return { eventId: String(e.eventId), eventTime: new Date(e.eventTime).toISOString(), eventType: toTemporalEventType(e.attributes.temporalType), taskId: String(e.eventId), ...e.attributes.raw };
      }
      return {
        eventId: String(e.eventId),
        eventTime: new Date(e.eventTime).toISOString(),
        eventType: toTemporalEventType(e.eventType),
        taskId: String(e.eventId),
        [attributesKey(e.eventType)]: encodeAttributes(withHistorySize(e, sizes)),
      };
    }),
  };
}

/**
 * `e`, and a `WorkflowTaskStarted` that records no size with the size its task saw (the history's
 * bytes before it, ./history-size.ts): Temporal's server records one in every such event, and
 * Temporal's SDK gives it to the workflow code as `workflowInfo().historySize`.
 */
function withHistorySize(e: HistoryEvent, sizes: HistorySizer): HistoryEvent {
  if (e.eventType !== 'WorkflowTaskStarted' || e.attributes.historySizeBytes !== undefined) return e;
  return { ...e, attributes: { ...e.attributes, historySizeBytes: sizes.bytesBefore(e.eventId) } };
}

/**
 * Drops the recorded sizes that are the engine's own count (those its export wrote), so that an
 * exported history reads back as it was; a size Temporal's server recorded differs and is kept.
 */
function withoutOwnSizes(events: HistoryEvent[]): HistoryEvent[] {
  const sizes = new HistorySizer();
  sizes.add(events);
  for (const e of events) {
    if (e.eventType === 'WorkflowTaskStarted' && e.attributes.historySizeBytes === sizes.bytesBefore(e.eventId)) delete e.attributes.historySizeBytes;
  }
  return events;
}

/** Reads a Temporal JSON history (object or text). Throws `EngineInputError` (WFE1008) when malformed. */
export function historyFromTemporalJson(input: unknown, source = 'history'): HistoryEvent[] {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (err) {
      throw new EngineInputError('WFE1008', `${source} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const raw = (doc as { events?: unknown })?.events ?? (doc as { history?: { events?: unknown } })?.history?.events;
  if (!Array.isArray(raw)) throw new EngineInputError('WFE1008', `${source} has no "events" array`);
  return withoutOwnSizes(raw.map((r: Record<string, unknown>, i: number) => {
    if (!r || typeof r !== 'object' || typeof r.eventType !== 'string') {
      throw new EngineInputError('WFE1008', `${source}: event #${i + 1} has no eventType`);
    }
    const type = fromTemporalEventType(r.eventType);
    const eventId = Number(r.eventId ?? i + 1);
    const eventTime = r.eventTime ? Date.parse(String(r.eventTime)) : 0;
    const attrs = r[attributesKey(type)] as Record<string, unknown> | undefined;
    if (!KNOWN.has(type) || type === 'Unknown') {
      const rest: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (k.endsWith('EventAttributes')) rest[k] = v;
      return { eventId, eventTime, eventType: 'Unknown', attributes: { temporalType: type, raw: rest } } as HistoryEvent;
    }
    try {
      return { eventId, eventTime, eventType: type as EventType, attributes: decodeAttributes(type as EventType, attrs ?? {}) } as HistoryEvent;
    } catch (err) {
      throw new EngineInputError('WFE1008', `${source}: event ${eventId} (${type}) is malformed: ${(err as Error).message}`);
    }
  }));
}

export type { FailureInfo };
