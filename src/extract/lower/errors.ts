/**
 * The one error lowering throws while a model is explored: a bound of the model was exceeded at
 * run time (a compensation list outgrew its capacity). It carries code WFV3201 and exit code 3:
 * the result is inconclusive, as for any bound hit — the model never silently truncates
 * behaviour. Raise `maxCompensations` (LowerOptions) to go further.
 */
import { ExitCode, WfvError } from '../../core/index.js';
import type { SourceSpan } from '../ir.js';

export class ModelBoundError extends WfvError {
  constructor(message: string, span: SourceSpan) {
    const location = { file: span.file, line: span.line, column: span.column };
    super('WFV3201', message, { exitCode: ExitCode.Inconclusive, location, hint: 'raise maxCompensations to explore further' });
  }
}
