/**
 * The public vocabulary of lowering: what a step of a workflow model means (its {@link ModelEvent}
 * and source span), the workflow's status, the options, and the {@link WorkflowModel} handed to
 * checkers. docs/workflow-model.md explains the semantics behind every field.
 */
import type { TransitionSystem } from '../../core/index.js';
import type { AtomBinding } from '../../logic/index.js';
import type { Diagnostic, SourceSpan, WorkflowIR } from '../ir.js';

/** What the environment or the workflow observably did in one step (null: an internal step). */
export type ModelEvent =
  | { readonly kind: 'activityScheduled' | 'activityCompleted' | 'activityFailed'; readonly activity: string }
  | { readonly kind: 'timerFired' }
  | { readonly kind: 'conditionSatisfied' }
  | { readonly kind: 'conditionTimedOut' }
  | { readonly kind: 'signal' | 'update'; readonly name: string }
  | { readonly kind: 'childStarted' | 'childCompleted' | 'childFailed'; readonly workflow: string }
  | { readonly kind: 'workflowCompleted' | 'workflowFailed' | 'workflowCancelled' | 'workflowContinuedAsNew' }
  /** an error that is no Temporal failure escaped workflow code: the run's task fails for ever (status `taskFailed`) */
  | { readonly kind: 'workflowTaskFailed' }
  | { readonly kind: 'cancelRequested' };

/** The meaning of one action of a workflow model (or one transition of its net). */
export interface WorkflowStep {
  /** Human-readable and unique within a model, e.g. `completed(lockFunds) @ workflow.ts:14`. */
  readonly label: string;
  readonly event: ModelEvent | null;
  /** The statement (or handler, or the workflow) that takes the step. */
  readonly span: SourceSpan;
  /** The IR statement id, or `'workflow'` for steps of the workflow or its environment. */
  readonly stmt: string;
}

/**
 * The workflow's status. `taskFailed`: an error that is no Temporal failure escaped workflow code;
 * on Temporal the run stays open (status Running) while its workflow task fails at every retry, so
 * the model stops there: the run never ends (option-to-complete fails), and it is no deadlock.
 */
export type WorkflowStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'continuedAsNew' | 'taskFailed';

export interface LowerOptions {
  /** Capacity of every saga compensation list (entries). Default 8. */
  readonly maxCompensations?: number;
  /**
   * Most action instances one atomic handler delivery may expand to (parameter values × paths
   * through the body); beyond it the handler runs in its own thread. Default 4096.
   */
  readonly maxAtomicPaths?: number;
  /** The file named in the location of the binding's InputErrors. Default `'<property>'`. */
  readonly propertyFile?: string;
}

/** A workflow lowered to a transition system, with everything a checker needs to explain it. */
export interface WorkflowModel {
  readonly ir: WorkflowIR;
  readonly system: TransitionSystem;
  /** Action id → what it means, with the source span. */
  step(action: number): WorkflowStep;
  readonly binding: AtomBinding;
  status(arena: Uint32Array, offset: number): WorkflowStatus;
  /** A terminal state in which some branch, handler invocation or activity is still pending. */
  hasLeftovers(arena: Uint32Array, offset: number): boolean;
  /** IR activity stmt id → the action ids that schedule that call site (for "no dead activity call"). */
  readonly activityCallActions: ReadonlyMap<string, readonly number[]>;
  /**
   * Diagnostics of the lowering itself, in source order (the IR's own diagnostics stay in
   * `ir.diagnostics`). Read it after exploring: a write whose value falls outside its variable's
   * domain is reported when exploration meets it.
   */
  readonly diagnostics: readonly Diagnostic[];
}
