/**
 * Memo and search attributes in Temporal's proto JSON: a memo is `{fields: {name: Payload}}`,
 * search attributes are `{indexedFields: {name: Payload}}`.
 *
 * A search attribute's payload is the JSON of its value list (what the SDK's legacy
 * `SearchAttributePayloadConverter` sends) plus the metadata `type` Temporal's server records
 * (`Keyword`, `KeywordList`, `Text`, `Int`, `Double`, `Bool`, `Datetime`), chosen from the values
 * as the SDK's `TypedSearchAttributes.getKeyFromUntyped` chooses it: one string is `Datetime`
 * when it is an ISO time, else `Text`; several strings `KeywordList`; one number `Int` or
 * `Double`; one boolean `Bool`; anything else (an empty list, which removes the attribute in an
 * upsert, or several numbers) has no type. On input, a single value that is not a list is read
 * as a list of one (Temporal's older payloads), and `Datetime` values stay ISO strings.
 */
import type { MemoMap, SearchAttributeMap, SearchAttributeValue } from './events.js';
import { searchAttributeType } from '../model/attributes.js';
import { b64, decodePayload, encodePayload } from './temporal-payloads.js';

type Json = Record<string, unknown>;

/**
 * A memo as `{fields}`. `upsert`: a `null` value is a removal, written as Temporal's `binary/null`
 * payload (the SDK's `upsertMemo` sends `undefined` for it).
 */
export function encodeMemo(memo: MemoMap, upsert = false): Json {
  const fields: Json = {};
  for (const [k, v] of Object.entries(memo)) fields[k] = encodePayload(upsert && v === null ? undefined : v);
  return { fields };
}

/** `{fields}` → a memo; `binary/null` payloads read as `null`. `undefined` for none (or no fields, when `emptyIsNone`). */
export function decodeMemo(j: unknown, emptyIsNone = true): MemoMap | undefined {
  const fields = (j as Json | null | undefined)?.fields as Json | undefined;
  if (fields === undefined || fields === null) return undefined;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, p] of Object.entries(fields)) { out[k] = decodePayload(p as Json, null); n++; }
  return n === 0 && emptyIsNone ? undefined : out;
}

/** Search attributes as `{indexedFields}`, each payload with its `type` metadata. */
export function encodeSearchAttributes(attrs: SearchAttributeMap): Json {
  const indexedFields: Json = {};
  for (const [k, values] of Object.entries(attrs)) {
    const p = encodePayload(values) as { metadata: Json; data: string };
    const type = searchAttributeType(values);
    if (type !== undefined) p.metadata.type = b64(type);
    indexedFields[k] = p;
  }
  return { indexedFields };
}

/**
 * `{indexedFields}` → search attributes (a value that is not a list becomes a list of one).
 * `keepEmpty`: an empty list is kept (in an upsert it removes the attribute); else it is dropped,
 * as the SDK drops those of older servers. `undefined` for none.
 */
export function decodeSearchAttributes(j: unknown, keepEmpty = false): SearchAttributeMap | undefined {
  const fields = (j as Json | null | undefined)?.indexedFields as Json | undefined;
  if (fields === undefined || fields === null) return undefined;
  const out: Record<string, SearchAttributeValue[]> = {};
  let n = 0;
  for (const [k, p] of Object.entries(fields)) {
    const v = decodePayload(p as Json, null);
    const values = (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]) as SearchAttributeValue[];
    if (values.length === 0 && !keepEmpty) continue;
    out[k] = values;
    n++;
  }
  return n === 0 && !keepEmpty ? undefined : out;
}
