/**
 * Temporal's workflow id policies as protobuf enum numbers: `encode…` takes the short name
 * (`'REJECT_DUPLICATE'`), the prefixed one (`'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE'`) or a
 * number, and gives the number; `decode…` takes a number and gives the short name (undefined for
 * 0, UNSPECIFIED, and for `null`/`undefined`; `unknown_N` for a number it does not know). Anything
 * else is a `ValueError` — the behaviour of `@temporalio/common`'s helpers.
 */
import { ValueError } from './errors.js';

/** What starting a workflow whose id is running does (Temporal's `WorkflowIdConflictPolicy`). */
export const WorkflowIdConflictPolicy = Object.freeze({
  FAIL: 'FAIL',
  USE_EXISTING: 'USE_EXISTING',
  TERMINATE_EXISTING: 'TERMINATE_EXISTING',
} as const);
export type WorkflowIdConflictPolicy = (typeof WorkflowIdConflictPolicy)[keyof typeof WorkflowIdConflictPolicy];

function protoEnum<K extends string>(numbers: Readonly<Record<K, number>>, prefix: string): [(v: string | number | null | undefined) => number | undefined, (v: number | null | undefined) => K | undefined] {
  const names = new Map<number, K>(Object.entries<number>(numbers).map(([k, n]) => [n, k as K]));
  const short = (v: string): string => (v.startsWith(prefix) ? v.slice(prefix.length) : v);
  const encode = (v: string | number | null | undefined): number | undefined => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && Object.hasOwn(numbers, short(v))) return numbers[short(v) as K];
    throw new ValueError(typeof v === 'string' ? `Invalid enum value: '${v}'` : `Invalid enum value: '${String(v)}' of type ${typeof v}`);
  };
  const decode = (v: number | null | undefined): K | undefined => {
    if (v === null || v === undefined || v === 0) return undefined;
    if (typeof v === 'number') return names.get(v) ?? (`unknown_${v}` as K);
    throw new ValueError(`Invalid proto enum value: '${String(v)}' of type ${typeof v}`);
  };
  return [encode, decode];
}

const reuse = protoEnum({ UNSPECIFIED: 0, ALLOW_DUPLICATE: 1, ALLOW_DUPLICATE_FAILED_ONLY: 2, REJECT_DUPLICATE: 3, TERMINATE_IF_RUNNING: 4 }, 'WORKFLOW_ID_REUSE_POLICY_');
const conflict = protoEnum({ UNSPECIFIED: 0, FAIL: 1, USE_EXISTING: 2, TERMINATE_EXISTING: 3 }, 'WORKFLOW_ID_CONFLICT_POLICY_');

export const encodeWorkflowIdReusePolicy = reuse[0];
export const decodeWorkflowIdReusePolicy = reuse[1];
export const encodeWorkflowIdConflictPolicy = conflict[0];
export const decodeWorkflowIdConflictPolicy = conflict[1];
