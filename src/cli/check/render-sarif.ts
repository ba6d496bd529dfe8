/**
 * `--format sarif`: the report as a SARIF 2.1.0 log (one run) for code-scanning UIs.
 *
 * Contracts:
 * - `tool.driver.rules`: one rule per distinct property name (id = the name), then one per
 *   distinct diagnostic code (id = the code), in order of first appearance.
 * - `results`: one per violated (level `error`), inconclusive (`warning`) and unsupported
 *   (`note`) property, and one per extractor or file-level diagnostic (level = its severity).
 *   Holding properties give no result. A violation is located at its counterexample's first step
 *   (at the workflow when it has no steps) and lists every step in `codeFlows` (message = the
 *   step label; the loop start of a lasso and a final stutter are said in the message); other
 *   property results are located at the workflow. A spec property's declaration is a related
 *   location.
 * - Paths: `artifactLocation.uri` is relative (with '/', percent-encoded) to `baseDir` with
 *   `uriBaseId` `%SRCROOT%`, declared in `originalUriBaseIds` as baseDir's file URI; a file outside
 *   baseDir gets an absolute file URI. Relative paths in the report are taken relative to baseDir.
 * - `partialFingerprints` hash what survives edits, never line numbers or messages:
 *   `wfverifyProperty/v1` = sha-256 of (relative file, workflow, property name);
 *   `wfverifyDiagnostic/v1` = sha-256 of (relative file, workflow or '', code, n) where n counts
 *   the earlier diagnostics with the same file, workflow and code. (32 hex digits each.)
 * - Regions are 1-based with exclusive end columns in UTF-16 units (`columnKind`).
 * - No trailing newline.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ERROR_CATALOG } from '../../core/index.js';
import type { Diagnostic, SourceSpan } from '../../extract/index.js';
import type { CheckReport, PropertyResult, WorkflowResult } from './report.js';

export interface SarifOptions {
  /** Absolute directory that URIs are relative to (usually the repository root): `%SRCROOT%`. */
  readonly baseDir: string;
  /** `tool.driver.informationUri`; omitted when not given. */
  readonly informationUri?: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

/** What the built-in checks mean, for their rules. */
const BUILTIN_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'deadlock-freedom': 'Every state in which nothing can happen is an end of the workflow.',
  'option-to-complete': 'From every reachable state the workflow can still end.',
  'proper-completion': 'When the workflow ends, nothing it started is left running.',
  'no-dead-activity': 'Every activity call in the code can happen in some run.',
};
const LEVEL = { violated: 'error', inconclusive: 'warning', unsupported: 'note' } as const;

type Json = Record<string, unknown>;

/** The SARIF log as JSON text. */
export function renderSarif(report: CheckReport, options: SarifOptions): string {
  return JSON.stringify(buildSarif(report, options), null, 2);
}

/** The SARIF log as plain data. */
export function buildSarif(report: CheckReport, options: SarifOptions): Json {
  const paths = new PathMapper(options.baseDir);
  const rules = new Rules();
  for (const w of report.workflows) for (const p of w.properties) rules.property(p);
  const allDiagnostics = [...report.diagnostics, ...report.workflows.flatMap((w) => w.diagnostics)];
  for (const d of allDiagnostics) rules.diagnostic(d);

  const results: Json[] = [];
  const ordinals = new Map<string, number>();
  const diagnosticResult = (d: Diagnostic, workflow: string) => {
    const key = [paths.relPath(d.span.file), workflow, d.code].join('\0');
    const n = ordinals.get(key) ?? 0;
    ordinals.set(key, n + 1);
    results.push({
      ruleId: d.code,
      ruleIndex: rules.index(d.code),
      level: d.severity,
      message: { text: d.message },
      locations: [paths.location(d.span)],
      partialFingerprints: { 'wfverifyDiagnostic/v1': fingerprint(`${key}\0${n}`) },
    });
  };
  report.diagnostics.forEach((d) => diagnosticResult(d, ''));
  for (const w of report.workflows) {
    w.diagnostics.forEach((d) => diagnosticResult(d, w.workflow));
    for (const p of w.properties) {
      if (p.status !== 'holds') results.push(propertyResult(w, p, rules, paths));
    }
  }

  const driver: Json = { name: report.tool.name, version: report.tool.version };
  if (options.informationUri !== undefined) driver.informationUri = options.informationUri;
  driver.rules = rules.list;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver },
      originalUriBaseIds: { [SRCROOT]: { uri: paths.baseUri } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

/** The result of a property that does not hold. */
function propertyResult(w: WorkflowResult, p: PropertyResult, rules: Rules, paths: PathMapper): Json {
  const status = p.status as keyof typeof LEVEL;
  const verb = p.status === 'violated' ? 'is violated' : p.status === 'inconclusive' ? 'is inconclusive' : 'cannot be checked';
  const steps = p.steps ?? [];
  const first = p.status === 'violated' ? steps[0] : undefined;
  const result: Json = {
    ruleId: p.name,
    ruleIndex: rules.index(p.name),
    level: LEVEL[status],
    message: { text: `Workflow '${w.workflow}': property '${p.name}' ${verb}${p.message ? `: ${p.message}` : '.'}` },
    locations: [paths.location(first?.span ?? w.span)],
    partialFingerprints: { 'wfverifyProperty/v1': fingerprint([paths.relPath(w.file), w.workflow, p.name].join('\0')) },
    properties: { workflow: w.workflow, status: p.status, formula: p.formula, origin: p.origin },
  };
  if (p.specSpan) {
    result.relatedLocations = [{ id: 0, ...paths.location(p.specSpan), message: { text: `property '${p.name}' is declared here` } }];
  }
  if (p.status === 'violated' && steps.length > 0) {
    const stutter = p.loopStart !== undefined && p.loopStart >= steps.length;
    const locations = steps.map((s, i) => {
      let text = s.label;
      if (p.loopStart === i) text += ' (loop starts here, repeats forever)';
      if (stutter && i === steps.length - 1) text += ' (then the last state repeats forever)';
      const location: Json = { location: { ...paths.location(s.span), message: { text } }, executionOrder: s.index };
      if (s.state !== undefined) location.state = { state: { text: s.state } };
      return location;
    });
    result.codeFlows = [{ message: { text: `counterexample to '${p.name}'` }, threadFlows: [{ locations }] }];
  }
  return result;
}

/** The rule table: ids in order of first appearance. */
class Rules {
  readonly list: Json[] = [];
  private readonly ids = new Map<string, number>();

  index(id: string): number {
    return this.ids.get(id)!;
  }

  property(p: PropertyResult): void {
    const text = BUILTIN_DESCRIPTIONS[p.name] ?? `Spec property '${p.name}': ${p.formula}`;
    this.add(p.name, { shortDescription: { text }, fullDescription: { text: p.formula }, defaultConfiguration: { level: 'error' }, properties: { tags: ['wfverify', p.origin] } });
  }

  diagnostic(d: Diagnostic): void {
    const title = (ERROR_CATALOG as Readonly<Record<string, string>>)[d.code] ?? d.code;
    this.add(d.code, { shortDescription: { text: title }, defaultConfiguration: { level: d.severity }, properties: { tags: ['wfverify', 'diagnostic'] } });
  }

  private add(id: string, rest: Json): void {
    if (this.ids.has(id)) return;
    this.ids.set(id, this.list.length);
    this.list.push({ id, ...rest });
  }
}

/** Report paths → SARIF artifact locations relative to baseDir. */
class PathMapper {
  readonly baseUri: string;

  constructor(private readonly baseDir: string) {
    const href = pathToFileURL(resolve(baseDir)).href;
    this.baseUri = href.endsWith('/') ? href : `${href}/`;
  }

  /** The path relative to baseDir with '/' (absolute when outside baseDir). */
  relPath(file: string): string {
    const abs = resolve(this.baseDir, file);
    const rel = relative(resolve(this.baseDir), abs);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
  }

  artifact(file: string): Json {
    const rel = this.relPath(file);
    if (isAbsolute(rel)) return { uri: pathToFileURL(rel).href };
    return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }

  location(span: SourceSpan): Json {
    return {
      physicalLocation: {
        artifactLocation: this.artifact(span.file),
        region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn },
      },
    };
  }
}

function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
