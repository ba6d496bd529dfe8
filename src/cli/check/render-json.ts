/**
 * `--format json`: the {@link CheckReport} itself, pretty-printed. The report carries its
 * `formatVersion` (DESIGN.md, "Output conventions"); its shape is the contract of report.ts.
 * No trailing newline.
 */
import type { CheckReport } from './report.js';

export function renderJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2);
}
