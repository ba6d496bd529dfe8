/**
 * PNML writer for place/transition nets.
 *
 * Contract: `writePnml(net)` returns a UTF-8 ISO/IEC 15909-2 document (2009 `ptnet` grammar)
 * with one `<net>` and one `<page>`, places then transitions then arcs, each in index order.
 * - Every place and transition gets `<name><text>`; the net too. Names and ids are XML-escaped;
 *   carriage returns, tabs and newlines survive (as character references where XML would
 *   normalise them away).
 * - `<initialMarking>` is written only when the marking is > 0.
 * - Arc `<inscription>` only when the weight ≠ 1. Inhibitor arcs carry TAPAAL's
 *   `type="inhibitor"` attribute (which `readPnmlFile` accepts); normal arcs carry no type.
 * - Arc ids are `a0`, `a1`, … skipping ids already used by the net; the page id is `page0`
 *   (or the first free `page<n>`).
 * - `parsePnml(writePnml(net))` is structurally equal to `net` for every net with unique ids.
 * - Place capacities have no standard PNML spelling: a net with a capacity is rejected
 *   (InputError WFV1110), as is a name or id holding a character XML 1.0 cannot represent
 *   (NUL, most C0 controls, lone surrogates).
 */
import { InputError } from '../../core/index.js';
import type { PetriNet } from '../net.js';

/** The 2009 P/T net type URI written into `<net type>`. */
export const PTNET_TYPE = 'http://www.pnml.org/version-2009/grammar/ptnet';
const PNML_NS = 'http://www.pnml.org/version-2009/grammar/pnml';

// Characters outside XML 1.0's Char production (the `u` flag makes lone surrogates match).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;' };

function checkChars(s: string, what: string): string {
  if (NOT_XML_CHAR.test(s)) {
    throw new InputError('WFV1110', `${what} ${JSON.stringify(s)} holds a character that XML 1.0 cannot represent`);
  }
  return s;
}

/** Escapes character data (element content). */
export function escapeText(s: string): string {
  return checkChars(s, 'text').replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]);
}

/** Escapes a double-quoted attribute value, keeping whitespace characters intact. */
export function escapeAttr(s: string): string {
  return checkChars(s, 'attribute').replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]);
}

/** Serialises `net` as a single-page ptnet PNML document (see the module contract). */
export function writePnml(net: PetriNet): string {
  const used = new Set<string>([net.id, ...net.places.map((p) => p.id), ...net.transitions.map((t) => t.id)]);
  const fresh = (prefix: string, from: number): [string, number] => {
    let n = from;
    while (used.has(`${prefix}${n}`)) n++;
    return [`${prefix}${n}`, n + 1];
  };
  const name = (s: string): string => `<name><text>${escapeText(s)}</text></name>`;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<pnml xmlns="${PNML_NS}">`,
    `  <net id="${escapeAttr(net.id)}" type="${PTNET_TYPE}">`,
    `    ${name(net.name)}`,
    `    <page id="${fresh('page', 0)[0]}">`,
  ];
  for (const p of net.places) {
    if (p.capacity !== undefined) {
      throw new InputError('WFV1110', `place '${p.id}' has a capacity, which PNML P/T nets cannot express`);
    }
    const marking = p.initial > 0 ? `<initialMarking><text>${p.initial}</text></initialMarking>` : '';
    out.push(`      <place id="${escapeAttr(p.id)}">${name(p.name)}${marking}</place>`);
  }
  for (const t of net.transitions) out.push(`      <transition id="${escapeAttr(t.id)}">${name(t.name)}</transition>`);
  let next = 0;
  const arc = (source: string, target: string, weight: number, inhibitor = false): void => {
    let id: string;
    [id, next] = fresh('a', next);
    const kind = inhibitor ? ' type="inhibitor"' : '';
    const head = `      <arc id="${id}" source="${escapeAttr(source)}" target="${escapeAttr(target)}"${kind}`;
    out.push(weight === 1 ? `${head}/>` : `${head}><inscription><text>${weight}</text></inscription></arc>`);
  };
  for (const t of net.transitions) {
    for (const a of t.pre) arc(net.places[a.place].id, t.id, a.weight);
    for (const a of t.post) arc(t.id, net.places[a.place].id, a.weight);
    for (const a of t.inhibitors) arc(net.places[a.place].id, t.id, a.weight, true);
  }
  out.push('    </page>', '  </net>', '</pnml>', '');
  return out.join('\n');
}
