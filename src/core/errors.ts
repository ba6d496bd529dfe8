/**
 * The error taxonomy of the verifier and its catalog of stable codes.
 *
 * - {@link InputError}: the user's input is wrong (file, PNML, formula, option). Exit code 2.
 * - {@link InternalError}: an invariant of wfverify itself broke. Exit code 70, "please report".
 *
 * Violations and bound hits are *not* errors: they are {@link Verdict} values.
 * Codes are permanent: a code, once published, keeps its meaning; new situations get new codes.
 */

/** Process exit codes shared by every command (DESIGN.md, "Output conventions"). */
export const ExitCode = {
  /** Every property holds. */
  Holds: 0,
  /** At least one property is violated. */
  Violated: 1,
  /** Bad input or usage. */
  BadInput: 2,
  /** A bound (states, time, memory) was hit before an answer was found. */
  Inconclusive: 3,
  /** wfverify itself failed. */
  Internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Every error code wfverify can report, with a one-line title. */
export const ERROR_CATALOG = {
  WFV1000: 'invalid command-line usage',
  WFV1001: 'file cannot be read',
  WFV1101: 'malformed XML',
  WFV1102: 'not a PNML document',
  WFV1103: 'unsupported net type',
  WFV1104: 'unknown arc kind',
  WFV1105: 'invalid inscription',
  WFV1106: 'dangling reference',
  WFV1107: 'duplicate identifier',
  WFV1108: 'net has no places',
  WFV1109: 'arc must connect a place and a transition',
  WFV1110: 'unsupported PNML feature',
  WFV1201: 'not a workflow net',
  WFV1301: 'token count exceeds the supported range',
  WFV1401: 'invalid action path',
  WFV1402: 'action path does not replay',
  WFV2001: 'formula syntax error',
  WFV2002: 'unknown name in formula',
  WFV2003: 'malformed property XML',
  WFV2004: 'unsupported formula',
  WFV2101: 'spec syntax error',
  WFV2102: 'spec names an unknown workflow',
  WFV2103: 'duplicate property name',
  WFV2104: 'unknown atom in a workflow property',
  WFV3001: 'TypeScript syntax error',
  WFV3002: 'TypeScript type error',
  WFV3003: 'no workflow found',
  WFV3004: 'unknown workflow',
  WFV3005: 'invalid check configuration',
  WFV3101: 'value abstracted',
  WFV3102: 'loop of unknown bound abstracted',
  WFV3103: 'unsupported construct',
  WFV3104: 'dynamic fan-out bounded',
  WFV3105: 'call not resolved',
  WFV3106: 'behaviour over-approximated',
  WFV3107: 'error fails the workflow task',
  WFV3201: 'model bound (lowering)',
  WFV3202: 'branches abandoned',
  WFV7000: 'internal error',
  WFV7001: 'trace does not replay',
} as const;
export type ErrorCode = keyof typeof ERROR_CATALOG;

/** A position in a user's file; line and column are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** Formats a location as `file:line:col` (omitting what is unknown). */
export function formatLocation(loc: SourceLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) {
    s += `:${loc.line}`;
    if (loc.column !== undefined) s += `:${loc.column}`;
  }
  return s;
}

/** Base class of wfverify's errors: a stable code, a message, an optional location and hint. */
export class WfvError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(
    code: ErrorCode,
    message: string,
    options: { location?: SourceLocation; hint?: string; exitCode: ExitCode; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
    this.exitCode = options.exitCode;
  }

  /** The message as shown to users: `file:line:col: error WFVnnnn: message` plus the hint. */
  describe(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    const hint = this.hint ? `\n  hint: ${this.hint}` : '';
    return `${where}error ${this.code}: ${this.message}${hint}`;
  }
}

/** The user's input is wrong: a file, a model, a formula or an option. Exit code 2. */
export class InputError extends WfvError {
  constructor(code: ErrorCode, message: string, options: { location?: SourceLocation; hint?: string; cause?: unknown } = {}) {
    super(code, message, { ...options, exitCode: ExitCode.BadInput });
  }
}

/** An invariant of wfverify broke; this is a bug to report. Exit code 70. */
export class InternalError extends WfvError {
  constructor(message: string, options: { code?: ErrorCode; cause?: unknown } = {}) {
    super(options.code ?? 'WFV7000', message, { exitCode: ExitCode.Internal, cause: options.cause });
  }
}

/** Exhaustiveness helper for switches over discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
