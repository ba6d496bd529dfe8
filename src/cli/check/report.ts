/**
 * The result of `wfverify check`: every workflow found, its model's size, the extractor's
 * diagnostics and one result per property (built-in checks and spec properties). Renderers
 * (text, JSON, SARIF, JUnit) read only this value, so every format says the same thing.
 */
import type { Diagnostic, SourceSpan } from '../../extract/index.js';

export const CHECK_REPORT_FORMAT_VERSION = 1;

/** One step of a counterexample, at the workflow's own source. */
export interface CounterexampleStep {
  /** 1-based step number. */
  readonly index: number;
  /** What happened: `completed(lockFunds)`, `signal approve(true)`, `timer fired` … */
  readonly label: string;
  /** The statement that took the step. */
  readonly span: SourceSpan;
  /** The state after the step, for humans (tracked data, where each branch is). */
  readonly state?: string;
}

export type PropertyStatus = 'holds' | 'violated' | 'inconclusive' | 'unsupported';

export interface PropertyResult {
  /** `deadlock-freedom`, `option-to-complete`, `proper-completion`, `no-dead-activity`, or the spec's name. */
  readonly name: string;
  /** The formula as written (spec) or as defined (built-in). */
  readonly formula: string;
  readonly origin: 'builtin' | 'spec';
  /** Where the property is written (spec properties). */
  readonly specSpan?: SourceSpan;
  readonly status: PropertyStatus;
  /** Why (violations: a one-line reason; inconclusive: the bound hit; unsupported: what). */
  readonly message?: string;
  /** Counterexample (violations) or witness; `loopStart` marks the repeated suffix of a lasso. */
  readonly steps?: readonly CounterexampleStep[];
  readonly loopStart?: number;
}

export interface WorkflowResult {
  readonly workflow: string;
  readonly file: string;
  readonly span: SourceSpan;
  readonly stats: { readonly states: number; readonly transitions: number; readonly depth: number; readonly ms: number };
  readonly diagnostics: readonly Diagnostic[];
  readonly properties: readonly PropertyResult[];
}

export interface CheckReport {
  readonly formatVersion: typeof CHECK_REPORT_FORMAT_VERSION;
  readonly tool: { readonly name: 'wfverify'; readonly version: string };
  readonly workflows: readonly WorkflowResult[];
  /** File-level problems (a file that is not a workflow, a spec naming an unknown workflow …). */
  readonly diagnostics: readonly Diagnostic[];
  readonly ms: number;
}
