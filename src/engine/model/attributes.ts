/**
 * Memo and search attributes (Temporal's): their shapes inside the engine, their validation, and
 * the first-level merge of an upsert (`upsertMemo`, `upsertSearchAttributes`).
 *
 * Inside the engine both are plain JSON: a memo maps names to any JSON value; search attributes
 * use Temporal's legacy `SearchAttributes` shape, names to arrays of strings, numbers or booleans
 * (a `Date` is stored as its ISO string, as `JSON.stringify` writes it and as the SDK's payload
 * converter sends it). The Temporal codec adds the payload metadata (`type`) at the boundary.
 */

import type { MemoMap, SearchAttributeMap, SearchAttributeValue } from '../history/events.js';

export type { MemoMap, SearchAttributeMap, SearchAttributeValue };

/** A `Date` of any realm (workflow code runs in a sandbox with its own `Date`). */
function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isDate(v);
}

/**
 * `attrs` checked as the SDK's `SearchAttributePayloadConverter` checks them (every value an array
 * whose items are all strings, all numbers, all booleans or all `Date`s; an empty array removes
 * the attribute in an upsert) and converted (`Date`s to ISO strings). Throws a TypeError naming
 * the attribute (`what` says whose). The SDK refuses `undefined` too: `[]` removes an attribute.
 */
export function checkSearchAttributes(attrs: unknown, what: string): SearchAttributeMap {
  if (!isRecord(attrs)) throw new TypeError(`${what}: search attributes must be an object of arrays (Temporal's SearchAttributes), not ${describe(attrs)}`);
  const out: Record<string, SearchAttributeValue[]> = {};
  for (const [name, values] of Object.entries(attrs)) {
    if (!Array.isArray(values)) throw new TypeError(`${what}: search attribute "${name}" must be an array of values (use [] to remove it), not ${describe(values)}`);
    const first = isDate(values[0]) ? 'Date' : typeof values[0];
    const list: SearchAttributeValue[] = [];
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      const kind = isDate(v) ? 'Date' : typeof v;
      if (kind !== 'string' && kind !== 'number' && kind !== 'boolean' && kind !== 'Date') {
        throw new TypeError(`${what}: search attribute "${name}" values must be strings, numbers, booleans or Dates; item ${i} is ${describe(v)}`);
      }
      if (kind !== first) throw new TypeError(`${what}: search attribute "${name}" values must all be of one type; item 0 is a ${first}, item ${i} a ${kind}`);
      if (kind === 'number' && !Number.isFinite(v)) throw new TypeError(`${what}: search attribute "${name}" item ${i} is ${String(v)}, not a finite number`);
      if (kind === 'Date' && Number.isNaN((v as Date).getTime())) throw new TypeError(`${what}: search attribute "${name}" item ${i} is an invalid Date`);
      list.push(kind === 'Date' ? (v as Date).toISOString() : v as SearchAttributeValue);
    }
    out[name] = list;
  }
  return out;
}

/**
 * The search attributes a run starts with: `attrs` checked as {@link checkSearchAttributes} does,
 * without empty lists (they set nothing; the SDK drops them when it reads a start), undefined
 * when none is left.
 */
export function startSearchAttributes(attrs: unknown, what: string): SearchAttributeMap | undefined {
  const checked = checkSearchAttributes(attrs, what) as Record<string, readonly SearchAttributeValue[]>;
  let n = 0;
  for (const name of Object.keys(checked)) {
    if (checked[name].length === 0) delete checked[name];
    else n++;
  }
  return n === 0 ? undefined : checked;
}

/** `memo` checked: a plain object (its values are any JSON). Throws a TypeError (`what` says whose). */
export function checkMemo(memo: unknown, what: string): MemoMap {
  if (!isRecord(memo)) throw new TypeError(`${what}: memo must be an object (name → value), not ${describe(memo)}`);
  return memo;
}

/**
 * `current` with `upsert` merged at the first level (Temporal's upsert): an attribute set to an
 * empty array is removed. A fresh object; neither argument is written.
 */
export function mergeSearchAttributes(current: SearchAttributeMap | undefined, upsert: SearchAttributeMap): SearchAttributeMap {
  const out: Record<string, readonly SearchAttributeValue[]> = { ...current };
  for (const [name, values] of Object.entries(upsert)) {
    if (values.length === 0) delete out[name];
    else out[name] = values;
  }
  return out;
}

/**
 * `current` with `upsert` merged at the first level (Temporal's `upsertMemo`): a key set to
 * `null` or `undefined` is removed, any other value replaces the old one whole. A fresh object.
 */
export function mergeMemo(current: MemoMap | undefined, upsert: MemoMap): MemoMap {
  const out: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(upsert)) {
    if (value === null || value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

/**
 * The metadata `type` of a value list, as the SDK infers it (`TypedSearchAttributes.getKeyFromUntyped`;
 * undefined: none): one string is `Datetime` when it is an ISO time, else `Text`; several strings
 * `KeywordList`; one number `Int` or `Double`; one boolean `Bool`; anything else (an empty list,
 * several numbers, booleans or times) has none.
 */
export function searchAttributeType(values: readonly SearchAttributeValue[]): string | undefined {
  if (values.length === 0) return undefined;
  if (values.length > 1) return values.every((v) => typeof v === 'string') ? 'KeywordList' : undefined;
  const v = values[0];
  switch (typeof v) {
    case 'string': {
      const t = Date.parse(v);
      return !Number.isNaN(t) && t === new Date(v).getTime() && isIsoTime(v) ? 'Datetime' : 'Text';
    }
    case 'number': return Number.isInteger(v) ? 'Int' : 'Double';
    case 'boolean': return 'Bool';
    default: return undefined;
  }
}

/** Only full ISO times count (the SDK's check also takes `'1'` for a date; the engine does not). */
function isIsoTime(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s);
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `a ${(v as object).constructor?.name ?? 'object'}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}
