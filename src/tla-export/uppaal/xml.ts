/**
 * The UPPAAL document as data, and its XML text. Element order follows UPPAAL's flat DTD
 * (`nta`: declaration, template+, system, queries; `template`: name, declaration?, location+,
 * init, transition*; `location`: name, label*, committed?; `transition`: source, target, label*),
 * and label text is escaped (`&`, `<`, `>`), so the output is well-formed whatever the names.
 */

export interface XLocation {
  readonly id: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly invariant?: string;
  readonly comments?: string;
  readonly committed?: boolean;
}

export interface XTransition {
  readonly source: string;
  readonly target: string;
  readonly select?: string;
  readonly guard?: string;
  readonly sync?: string;
  readonly assignment?: string;
  readonly comments?: string;
}

export interface XTemplate {
  readonly name: string;
  readonly declaration?: string;
  readonly locations: readonly XLocation[];
  readonly init: string;
  readonly transitions: readonly XTransition[];
}

export interface XQuery {
  readonly formula: string;
  readonly comment: string;
}

export interface XDocument {
  readonly declaration: string;
  readonly templates: readonly XTemplate[];
  readonly system: string;
  readonly queries: readonly XQuery[];
}

export const XML_HEADER = '<?xml version="1.0" encoding="utf-8"?>';
export const UPPAAL_DOCTYPE = "<!DOCTYPE nta PUBLIC '-//Uppaal Team//DTD Flat System 1.1//EN' 'http://www.it.uu.se/research/group/darts/uppaal/flat-1_2.dtd'>";

/** Escapes text for element content and double-quoted attributes. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const el = (tag: string, text: string): string => `<${tag}>${escapeXml(text)}</${tag}>`;
const label = (kind: string, text: string | undefined, x: number, y: number): string =>
  text === undefined || text === '' ? '' : `\n      <label kind="${kind}" x="${x}" y="${y}">${escapeXml(text)}</label>`;

function location(l: XLocation): string {
  return `    <location id="${l.id}" x="${l.x}" y="${l.y}">\n      <name x="${l.x + 10}" y="${l.y - 25}">${escapeXml(l.name)}</name>` +
    label('invariant', l.invariant, l.x + 10, l.y + 10) + label('comments', l.comments, l.x + 10, l.y + 25) +
    (l.committed === true ? '\n      <committed/>' : '') + '\n    </location>';
}

function transition(t: XTransition, k: number): string {
  const y = k * 10;
  return `    <transition>\n      <source ref="${t.source}"/>\n      <target ref="${t.target}"/>` +
    label('select', t.select, 0, y) + label('guard', t.guard, 0, y + 15) + label('synchronisation', t.sync, 0, y + 30) +
    label('assignment', t.assignment, 0, y + 45) + label('comments', t.comments, 0, y + 60) + '\n    </transition>';
}

function template(t: XTemplate): string {
  return ['  <template>', `    ${el('name', t.name)}`, ...(t.declaration !== undefined ? [`    ${el('declaration', t.declaration)}`] : []),
    ...t.locations.map(location), `    <init ref="${t.init}"/>`, ...t.transitions.map(transition), '  </template>'].join('\n');
}

export function printDocument(d: XDocument): string {
  const queries = d.queries.map((q) => `    <query>\n      ${el('formula', q.formula)}\n      ${el('comment', q.comment)}\n    </query>`);
  return [XML_HEADER, UPPAAL_DOCTYPE, '<nta>', `  ${el('declaration', d.declaration)}`, ...d.templates.map(template),
    `  ${el('system', d.system)}`, '  <queries>', ...queries, '  </queries>', '</nta>', ''].join('\n');
}
