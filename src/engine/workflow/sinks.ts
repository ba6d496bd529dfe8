/**
 * `proxySinks` (Temporal's): calls from workflow code to functions of the host (the engine's
 * `sinks` option), for side effects such as metrics or analytics. A call is recorded during the
 * activation and made by the host once the workflow task that made it is committed, with the
 * run's facts first; calls made while a run is replayed are dropped (the engine has no
 * `callDuringReplay`). `defaultWorkerLogger` (Temporal's `LoggerSinks`) is built in: it writes to
 * the engine's log, as `log` does.
 */
import { getActivator } from './internals.js';

/** A function workflow code may call through a sink (its result is not returned). */
export type SinkFunction = (...args: any[]) => void;
export type Sink = Record<string, SinkFunction>;
export type Sinks = Record<string, Sink>;

/** One recorded call. */
export interface SinkCall {
  readonly sink: string;
  readonly fn: string;
  readonly args: unknown[];
}

/** The sinks of the engine, as typed by `T` (Temporal's `proxySinks<T>()`). */
export function proxySinks<T extends Sinks>(): T {
  return new Proxy({} as T, {
    get(_, sink) {
      if (typeof sink !== 'string') throw new TypeError('sink names must be strings');
      return new Proxy({}, {
        get(__, fn) {
          if (typeof fn !== 'string') throw new TypeError('sink function names must be strings');
          return (...args: unknown[]): void => {
            const a = getActivator();
            if (a.replaying) return;
            (a.sinkCalls ??= []).push({ sink, fn, args });
          };
        },
      });
    },
  });
}
