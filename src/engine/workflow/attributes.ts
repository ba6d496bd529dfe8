/**
 * `upsertSearchAttributes` and `upsertMemo` (Temporal's, SDK 1.24 signatures and semantics): each
 * records a command (`UpsertWorkflowSearchAttributes` / `WorkflowPropertiesModified` in history)
 * and updates `workflowInfo()` at once, as the SDK does, merging at the first level. A replay runs
 * the same calls again, so the info is the same live and replayed.
 *
 * `workflowInfo().searchAttributes` is what Temporal's SDK shows: at the start, the recorded
 * values, those of a `Datetime` attribute as `Date`s (the SDK decodes them so from the type the
 * engine's Temporal JSON gives them); after an upsert, the values as the code passed them (a
 * `Date` stays a `Date`, a string a string), except that a list of several numbers, booleans or
 * `Date`s leaves the info as it was (the SDK finds no type for it and skips it there; the
 * command records it all the same).
 *
 * Not implemented, and refused loudly (a TypeError naming it fails the workflow task): the typed
 * form `upsertSearchAttributes(SearchAttributeUpdatePair[])` and
 * `workflowInfo().typedSearchAttributes`.
 */
import { checkMemo, checkSearchAttributes, mergeMemo, searchAttributeType, type SearchAttributeMap } from '../model/attributes.js';
import { getActivator, pushCommand } from './internals.js';

/** The values of one search attribute (Temporal's `SearchAttributeValue`); `[]` removes it in an upsert. */
export type SearchAttributeValue = string[] | number[] | boolean[] | Date[];

/** Temporal's legacy `SearchAttributes`: name → values. */
export type SearchAttributes = Record<string, SearchAttributeValue | Readonly<SearchAttributeValue> | undefined>;

/** The message of the refusal of typed search attributes (one text wherever they are refused). */
export const TYPED_SEARCH_ATTRIBUTES_REFUSED = 'typed search attributes (SearchAttributeUpdatePair[], typedSearchAttributes) are not supported by the wfverify engine: use the SearchAttributes form ({ name: [values] })';

/**
 * Merges `searchAttributes` into the workflow's search attributes (an attribute set to `[]` is
 * removed) and records the upsert. Throws a TypeError for values Temporal's SDK refuses (not an
 * array, mixed types, other than strings, numbers, booleans and Dates) and for the typed form.
 */
export function upsertSearchAttributes(searchAttributes: SearchAttributes | readonly unknown[]): void {
  const a = getActivator();
  if (searchAttributes === null || searchAttributes === undefined) throw new TypeError('searchAttributes must be a non-null SearchAttributes');
  if (Array.isArray(searchAttributes)) throw new TypeError(`upsertSearchAttributes: ${TYPED_SEARCH_ATTRIBUTES_REFUSED}`);
  const checked = checkSearchAttributes(searchAttributes, 'upsertSearchAttributes');
  pushCommand(a, { type: 'upsertSearchAttributes', searchAttributes: checked });
  a.info = { ...a.info, searchAttributes: upsertedView(a.info.searchAttributes, searchAttributes as SearchAttributes, checked) };
}

/**
 * The search attributes the code sees after an upsert (the SDK's legacy `upsertSearchAttributes`):
 * `[]` removes an attribute; a list the SDK finds no type for (several numbers, booleans or
 * `Date`s) changes nothing; any other list is set as the code passed it.
 */
function upsertedView(current: SearchAttributes, upsert: SearchAttributes, checked: SearchAttributeMap): SearchAttributes {
  const out: SearchAttributes = { ...current };
  for (const name of Object.keys(checked)) {
    const values = upsert[name]!;
    if (values.length === 0) delete out[name];
    else if (values.length === 1 || values.every((v) => typeof v === 'string')) out[name] = values; // the SDK finds a type for it
  }
  return out;
}

/**
 * The search attributes the code sees at a run's start, as the SDK decodes the recorded ones: the
 * values of a `Datetime` attribute (one ISO time) as `Date`s of the workflow's realm.
 */
export function startedView(recorded: SearchAttributes): SearchAttributes {
  let out: SearchAttributes | undefined;
  for (const [name, values] of Object.entries(recorded)) {
    if (values === undefined || searchAttributeType(values as SearchAttributeMap[string]) !== 'Datetime') continue;
    out ??= { ...recorded };
    out[name] = [new Date(values[0] as string)];
  }
  return out ?? recorded;
}

/**
 * Merges `memo` into the workflow's memo at the first level (a key set to `undefined` or `null`
 * is removed; any other value replaces the old one whole) and records the upsert. Values must be
 * JSON (they are recorded in history).
 */
export function upsertMemo(memo: Record<string, unknown>): void {
  const a = getActivator();
  if (memo === null || memo === undefined) throw new TypeError('memo must be a non-null Record');
  checkMemo(memo, 'upsertMemo');
  // `undefined` is recorded as `null` (a JSON history has no `undefined`): both remove the key
  const upserted: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(memo)) upserted[k] = v ?? null;
  pushCommand(a, { type: 'modifyWorkflowProperties', upsertedMemo: upserted });
  a.info = { ...a.info, memo: mergeMemo(a.info.memo, upserted) as Record<string, unknown> };
}
