/**
 * The exit code a subcommand wants: commands call {@link setExitCode} instead of
 * `process.exit`, so that `main` stays testable in-process.
 */
let pending = 0;

/** Records the exit code of the running command (the highest-priority code wins). */
export function setExitCode(code: number): void {
  pending = code;
}

/** Returns and clears the recorded exit code. */
export function takeExitCode(): number {
  const code = pending;
  pending = 0;
  return code;
}
