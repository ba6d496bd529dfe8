/**
 * `upsertSearchAttributes` and `upsertMemo` (Temporal's, SDK 1.24 signatures and semantics): each
 * records a command (`UpsertWorkflowSearchAttributes` / `WorkflowPropertiesModified` in history)
 * and updates `workflowInfo()` at once, as the SDK does, merging at the first level. A replay runs
 * the same calls again, so the info is the same live and replayed.
 *
 * Search attribute values are kept as JSON inside the engine: a `Date` reads back as its ISO
 * string (`workflowInfo().searchAttributes`), where Temporal's SDK gives a `Date` again.
 *
 * Not implemented, and refused loudly (a TypeError naming it fails the workflow task): the typed
 * form `upsertSearchAttributes(SearchAttributeUpdatePair[])` and
 * `workflowInfo().typedSearchAttributes`.
 */
import { checkMemo, checkSearchAttributes, mergeMemo, mergeSearchAttributes } from '../model/attributes.js';
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
  a.info = { ...a.info, searchAttributes: mergeSearchAttributes(a.info.searchAttributes as Parameters<typeof mergeSearchAttributes>[0], checked) as SearchAttributes };
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
