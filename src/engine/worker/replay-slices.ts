/**
 * The replays of a restart, in the deadlock watchdog's slices.
 *
 * A worker that opens a store with many open runs rebuilds each run's workflow state by replaying
 * its history through the sandbox. With a timed evaluation per activation (Node starts a
 * watchdog thread for each, ~0.15–0.2 ms) the watchdog alone cost more than the replays: ~0.6 ms
 * per open run. Here, as for workflow tasks (`./fill.ts`), one guarded evaluation covers a slice
 * of replays: a replay starts only within its slice, so each still gets at least the whole
 * deadlock timeout — for all of its activations together, which is why only histories of at most
 * {@link SLICED_REPLAY_MAX_EVENTS} events are replayed this way (a few milliseconds); longer ones
 * replay on their own, each activation under its own timeout.
 */
import { guarded, isTimeout } from '../runtime/watchdog.js';
import { SLICE_MS } from './fill.js';

/** The longest history replayed inside a slice; longer ones get a timeout per activation. */
export const SLICED_REPLAY_MAX_EVENTS = 2000;

/**
 * Calls `replay` on each item in order. With a timeout, items of at most
 * {@link SLICED_REPLAY_MAX_EVENTS} events (`events(item)`) run in guarded slices; when the guard
 * interrupts one (its workflow code did not yield within the timeout), `interrupted(item)` is
 * called — the item's replay was cut short anywhere, host frames included — and the others go on.
 * `replay` must catch its own errors: any other error thrown ends the loop.
 */
export function replayInSlices<T>(items: readonly T[], events: (item: T) => number, timeoutMs: number | undefined, replay: (item: T) => void, interrupted: (item: T) => void): void {
  const sliced = (item: T): boolean => timeoutMs !== undefined && events(item) <= SLICED_REPLAY_MAX_EVENTS;
  let i = 0;
  /** the item whose replay runs inside the guard (the marker that names what a timeout cut short) */
  let active: T | undefined;
  while (i < items.length) {
    if (!sliced(items[i])) {
      replay(items[i++]);
      continue;
    }
    const sliceEnd = performance.now() + SLICE_MS;
    try {
      guarded(timeoutMs! + SLICE_MS, () => {
        do {
          active = items[i++];
          replay(active);
          active = undefined;
        } while (i < items.length && sliced(items[i]) && performance.now() <= sliceEnd);
      });
    } catch (err) {
      if (!isTimeout(err)) throw err;
      if (active !== undefined) interrupted(active);
      active = undefined;
    }
  }
}
