/** Default values of {@link LowerOptions}. */
import type { LowerOptions } from './types.js';

export const DEFAULT_MAX_COMPENSATIONS = 8;
export const DEFAULT_MAX_ATOMIC_PATHS = 4096;

/** Typed reference so the defaults stay in step with the option names. */
export const LOWER_DEFAULTS: Required<Pick<LowerOptions, 'maxCompensations' | 'maxAtomicPaths' | 'propertyFile'>> = {
  maxCompensations: DEFAULT_MAX_COMPENSATIONS,
  maxAtomicPaths: DEFAULT_MAX_ATOMIC_PATHS,
  propertyFile: '<property>',
};
