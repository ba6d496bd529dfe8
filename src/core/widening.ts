/**
 * Runs that restart when a state component outgrows its packing: the one place that turns a
 * {@link LayoutOverflow} into a wider layout ({@link TransitionSystem.widen}) and a fresh attempt,
 * or into the InputError WFV1301 when the system cannot widen.
 */
import { InputError } from './errors.js';
import { LayoutOverflow, type TransitionSystem } from './model.js';

/**
 * Calls `attempt` until it returns without throwing {@link LayoutOverflow}; after each overflow
 * the system's packing is widened and `onRestart` is called before the next attempt. Other errors
 * propagate. Every attempt must start from scratch (ids of an earlier attempt are meaningless).
 */
export function withWidening<T>(system: TransitionSystem, attempt: () => T, onRestart?: () => void): T {
  for (;;) {
    try {
      return attempt();
    } catch (e) {
      if (!(e instanceof LayoutOverflow)) throw e;
      if (!system.widen || !system.widen(e)) {
        throw new InputError('WFV1301', `a state component reached ${e.value}, beyond what wfverify can store`);
      }
      onRestart?.();
    }
  }
}
