/**
 * Temporal `Payload`s in proto JSON: a value as `json/plain` (base64 data), `undefined` as
 * `binary/null`; on input, payloads of another encoding are kept as `{encoding, data}`.
 */

type Json = Record<string, unknown>;

export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
export const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

/** `v` as a payload (`undefined`: Temporal's `binary/null`). */
export function encodePayload(v: unknown): Json {
  if (v === undefined) return { metadata: { encoding: b64('binary/null') } };
  return { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(v)) };
}

/**
 * The value of a payload: `binary/null` is `undefined`, as Temporal's SDK reads it (`null` for a
 * memo, where it removes a key); another encoding than JSON is `{encoding, data}`.
 */
export function decodePayload(p: Json | undefined, binaryNull: null | undefined = undefined): unknown {
  if (!p) return undefined;
  const enc = unb64(String((p.metadata as Json | undefined)?.encoding ?? ''));
  if (enc === 'binary/null') return binaryNull;
  if (enc === 'json/plain' && typeof p.data === 'string') return JSON.parse(unb64(p.data));
  return { encoding: enc, data: p.data };
}
