/**
 * Verdicts are values: a checker returns one per property and never throws on a violation.
 * `inconclusive` means a bound was hit before the answer was known — never a pass.
 */
import type { BoundKind } from './bounds.js';
import { ExitCode } from './errors.js';
import type { Trace } from './trace.js';

export type VerdictStatus = 'holds' | 'violated' | 'inconclusive';

/** Figures of one run, printed as the stats line. */
export interface Stats {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly ms: number;
}

export interface Verdict {
  /** The property's name (e.g. `ReachabilityDeadlock`, a spec property id). */
  readonly property: string;
  readonly status: VerdictStatus;
  /** What the property computes when it is a value (e.g. a bound), or a textual reason. */
  readonly value?: number | string;
  /** Counterexample (violated) or witness (holds), when one exists. */
  readonly trace?: Trace;
  /** One-line explanation for humans. */
  readonly explanation?: string;
  /** Which bound made the verdict inconclusive. */
  readonly bound?: BoundKind;
}

/** The stats line of DESIGN.md: `states=… transitions=… depth=… ms=…`. */
export function formatStats(s: Stats): string {
  return `states=${s.states} transitions=${s.transitions} depth=${s.depth} ms=${Math.round(s.ms)}`;
}

/** The process exit code for a set of verdicts: violated (1) beats inconclusive (3) beats holds (0). */
export function exitCodeFor(verdicts: readonly Verdict[]): ExitCode {
  if (verdicts.some((v) => v.status === 'violated')) return ExitCode.Violated;
  if (verdicts.some((v) => v.status === 'inconclusive')) return ExitCode.Inconclusive;
  return ExitCode.Holds;
}
