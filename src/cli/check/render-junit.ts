/**
 * `--format junit`: the report as JUnit XML for CI test dashboards.
 *
 * ```xml
 * <testsuites name="wfverify" tests="3" failures="1" errors="0" skipped="1" time="0.012">
 *   <testsuite name="transfer" tests="3" failures="1" errors="0" skipped="1" time="0.004" file="src/transfer.ts">
 *     <testcase classname="src/transfer.ts" name="deadlock-freedom"/>
 *     <testcase classname="src/transfer.ts" name="fundsSettle">
 *       <failure message="…" type="violated">formula: … 1. completed(lockFunds) …</failure>
 *     </testcase>
 *     <testcase classname="src/transfer.ts" name="bigLoop"><skipped message="inconclusive: …"/></testcase>
 *     <system-out>src/transfer.ts:18:9: warning WFV3101: …</system-out>
 *   </testsuite>
 * </testsuites>
 * ```
 *
 * Contracts: one `<testsuite>` per workflow (name = workflow), one `<testcase>` per property
 * (classname = the workflow's file, name = the property); violations are `<failure>` whose body is
 * the text renderer's violation details (steps, code frames when `readSource` is given);
 * inconclusive and unsupported properties are `<skipped>`; the workflow's diagnostics go to the
 * suite's `<system-out>`; file-level diagnostics to an extra suite named `diagnostics` with no
 * test cases. Counts are exact, `errors` is always 0, times are seconds. Text and attributes are
 * XML-escaped, characters XML 1.0 forbids become U+FFFD. No trailing newline.
 */
import type { CheckReport, PropertyResult, WorkflowResult } from './report.js';
import { diagnosticLine, displayPath, violationLines } from './render-text.js';

export interface JunitOptions {
  /** Source text for code frames in failure bodies. */
  readonly readSource?: (file: string) => string | undefined;
  /** Absolute paths under this directory are shown relative to it. */
  readonly baseDir?: string;
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

export function renderJunit(report: CheckReport, options: JunitOptions = {}): string {
  const total: Counts = { tests: 0, failures: 0, skipped: 0 };
  const suites: string[] = [];
  if (report.diagnostics.length > 0) {
    const out = report.diagnostics.map((d) => diagnosticLine(d, options.baseDir)).join('\n');
    suites.push(`  <testsuite ${attrs({ name: 'diagnostics', tests: 0, failures: 0, errors: 0, skipped: 0 })}>\n    <system-out>${text(out)}</system-out>\n  </testsuite>`);
  }
  for (const w of report.workflows) {
    const counts = count(w.properties);
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.skipped += counts.skipped;
    suites.push(suite(w, counts, options));
  }
  const head = attrs({ name: 'wfverify', tests: total.tests, failures: total.failures, errors: 0, skipped: total.skipped, time: seconds(report.ms) });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${head}>`, ...suites, '</testsuites>'].join('\n');
}

function count(properties: readonly PropertyResult[]): Counts {
  return {
    tests: properties.length,
    failures: properties.filter((p) => p.status === 'violated').length,
    skipped: properties.filter((p) => p.status === 'inconclusive' || p.status === 'unsupported').length,
  };
}

function suite(w: WorkflowResult, counts: Counts, options: JunitOptions): string {
  const file = displayPath(w.file, options.baseDir);
  const head = attrs({ name: w.workflow, ...counts, errors: 0, time: seconds(w.stats.ms), file });
  const out = [`  <testsuite ${head}>`];
  for (const p of w.properties) out.push(testcase(file, p, options));
  if (w.diagnostics.length > 0) {
    out.push(`    <system-out>${text(w.diagnostics.map((d) => diagnosticLine(d, options.baseDir)).join('\n'))}</system-out>`);
  }
  out.push('  </testsuite>');
  return out.join('\n');
}

function testcase(file: string, p: PropertyResult, options: JunitOptions): string {
  const head = `    <testcase ${attrs({ classname: file, name: p.name })}`;
  switch (p.status) {
    case 'holds':
      return `${head}/>`;
    case 'violated': {
      const body = violationLines(p, options).join('\n');
      return `${head}>\n      <failure ${attrs({ message: p.message ?? 'violated', type: 'violated' })}>${text(body)}</failure>\n    </testcase>`;
    }
    default:
      return `${head}>\n      <skipped ${attrs({ message: p.message ? `${p.status}: ${p.message}` : p.status })}/>\n    </testcase>`;
  }
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => `${k}="${attr(String(v))}"`).join(' ');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 does not allow (controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(s: string): string {
  return s.replace(FORBIDDEN, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
