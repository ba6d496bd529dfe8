/**
 * Progress on stderr for long runs, only when stderr is a terminal (never in CI logs or pipes).
 */
import type { ProgressInfo } from '../core/index.js';

/** A progress callback writing one overwritten status line, or undefined when not on a terminal. */
export function terminalProgress(label: string): ((p: ProgressInfo) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    const rate = p.ms > 0 ? Math.round((p.states / p.ms) * 1000) : 0;
    process.stderr.write(`\r${label}: states=${p.states} transitions=${p.transitions} depth=${p.depth} queued=${p.queued} ${rate}/s   `);
  };
}

/** Clears the progress line (call before printing results). */
export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
