/**
 * Activity options as written in `proxyActivities({...})`: timeouts, retry policy. Values are
 * read statically (literals, constants, `ms`-style duration strings); an option the extractor
 * cannot read is reported and left unknown (null), which the models treat as "any".
 */
import type { ExtractionContext } from './context.js';
import { parseDuration } from './durations.js';
import { literalValue, skipOuter } from './expressions.js';
import type { ActivityOptions } from './ir.js';
import { ts } from './ts.js';

export const DEFAULT_ACTIVITY_OPTIONS: ActivityOptions = {
  maximumAttempts: null,
  nonRetryableErrorTypes: [],
  startToCloseTimeoutMs: null,
  scheduleToCloseTimeoutMs: null,
  heartbeatTimeoutMs: null,
  initialIntervalMs: null,
  backoffCoefficient: null,
  maximumIntervalMs: null,
  local: false,
  mayFail: false,
};

/** The object literal an options expression denotes (directly or through a `const`). */
function objectLiteralOf(ctx: ExtractionContext, e: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined {
  if (!e) return undefined;
  const x = skipOuter(e);
  if (ts.isObjectLiteralExpression(x)) return x;
  if (ts.isIdentifier(x) && depth < 4) {
    const decl = ctx.checker.getSymbolAtLocation(x)?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl)) return objectLiteralOf(ctx, decl.initializer, depth + 1);
  }
  return undefined;
}

function propName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (!p.name) return undefined;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return undefined;
}

/** Milliseconds of a duration option (number = ms, string = `ms` format). */
export function durationValue(ctx: ExtractionContext, e: ts.Expression): number | null {
  const v = literalValue(ctx, e);
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const ms = parseDuration(v);
    if (ms !== undefined) return ms;
  }
  ctx.warn('WFV3101', `duration ${e.getText()} cannot be read statically; treated as unknown`, e);
  return null;
}

/** Reads the options of `proxyActivities(options)` / `proxyLocalActivities(options)`. */
export function readActivityOptions(ctx: ExtractionContext, arg: ts.Expression | undefined, local: boolean): ActivityOptions {
  const nonRetryable: string[] = [];
  const o: MutableOptions = { ...DEFAULT_ACTIVITY_OPTIONS, nonRetryableErrorTypes: nonRetryable, local };
  const lit = objectLiteralOf(ctx, arg);
  if (!lit) {
    if (arg) ctx.warn('WFV3101', 'activity options cannot be read statically; timeouts and retry policy are treated as unknown (calls may fail)', arg);
    return { ...o, mayFail: true };
  }
  for (const p of lit.properties) {
    const name = propName(p);
    if (!ts.isPropertyAssignment(p) || !name) continue;
    switch (name) {
      case 'startToCloseTimeout':
        o.startToCloseTimeoutMs = durationValue(ctx, p.initializer);
        break;
      case 'scheduleToCloseTimeout':
        // Any schedule-to-close timeout can end the call in failure, even one we cannot read.
        o.scheduleToCloseTimeoutMs = durationValue(ctx, p.initializer);
        o.mayFail = true;
        break;
      case 'heartbeatTimeout':
        o.heartbeatTimeoutMs = durationValue(ctx, p.initializer);
        break;
      case 'scheduleToStartTimeout':
        o.mayFail = true; // a call that cannot start in time fails, whatever the timeout's value
        break;
      case 'retry':
        readRetry(ctx, p.initializer, o, nonRetryable);
        break;
      default:
        break;
    }
  }
  o.mayFail ||= o.maximumAttempts !== null || nonRetryable.length > 0 || o.scheduleToCloseTimeoutMs !== null;
  return o;
}

type MutableOptions = { -readonly [K in keyof ActivityOptions]: ActivityOptions[K] };

function readRetry(ctx: ExtractionContext, e: ts.Expression, o: MutableOptions, nonRetryable: string[]): void {
  const lit = objectLiteralOf(ctx, e);
  if (!lit) {
    ctx.warn('WFV3101', 'retry policy cannot be read statically; calls may fail', e);
    o.mayFail = true;
    return;
  }
  for (const p of lit.properties) {
    const name = propName(p);
    if (!ts.isPropertyAssignment(p) || !name) continue;
    const v = literalValue(ctx, p.initializer);
    switch (name) {
      case 'maximumAttempts':
        if (typeof v === 'number') o.maximumAttempts = v <= 0 ? null : v;
        else {
          ctx.warn('WFV3101', 'maximumAttempts cannot be read statically; calls may fail', p.initializer);
          o.mayFail = true;
        }
        break;
      case 'backoffCoefficient':
        o.backoffCoefficient = typeof v === 'number' ? v : null;
        break;
      case 'initialInterval':
        o.initialIntervalMs = durationValue(ctx, p.initializer);
        break;
      case 'maximumInterval':
        o.maximumIntervalMs = durationValue(ctx, p.initializer);
        break;
      case 'nonRetryableErrorTypes': {
        const arr = skipOuter(p.initializer);
        if (ts.isArrayLiteralExpression(arr)) {
          for (const el of arr.elements) {
            const s = literalValue(ctx, el);
            if (typeof s === 'string') nonRetryable.push(s);
            else {
              ctx.warn('WFV3101', 'non-retryable error type cannot be read statically', el);
              o.mayFail = true;
            }
          }
        } else {
          ctx.warn('WFV3101', 'nonRetryableErrorTypes cannot be read statically', p.initializer);
          o.mayFail = true;
        }
        break;
      }
      default:
        break;
    }
  }
}

/**
 * Whether child options (`executeChild(w, options)`) set a `cronSchedule`: such a child runs on
 * its schedule and never completes (on the engine as on Temporal). `undefined` when the options
 * cannot be read statically.
 */
export function childHasCronSchedule(ctx: ExtractionContext, arg: ts.Expression | undefined): boolean | undefined {
  if (!arg) return false;
  const lit = objectLiteralOf(ctx, arg);
  if (!lit) return undefined;
  for (const p of lit.properties) {
    if (propName(p) !== 'cronSchedule') continue;
    if (ts.isPropertyAssignment(p) && skipOuter(p.initializer).kind === ts.SyntaxKind.UndefinedKeyword) return false;
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(skipOuter(p.initializer)) && (skipOuter(p.initializer) as ts.Identifier).text === 'undefined') return false;
    return true;
  }
  return false;
}
