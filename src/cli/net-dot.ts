/**
 * Graphviz DOT for a P/T net: places as circles (initially marked ones show their tokens),
 * transitions as boxes with their labels, arcs with weights above one, inhibitor arcs with an
 * open dot. Used by `wfverify extract --format dot`.
 */
import type { PetriNet } from '../petri/index.js';

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function netToDot(net: PetriNet, transitionLabels?: readonly string[]): string {
  const out = [`digraph ${quote(net.name)} {`, '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];'];
  net.places.forEach((p, i) => {
    const tokens = p.initial === 0 ? '' : p.initial === 1 ? '\n●' : `\n${p.initial}`;
    out.push(`  p${i} [shape=circle, label=${quote(p.name + tokens)}];`);
  });
  net.transitions.forEach((t, i) => {
    out.push(`  t${i} [shape=box, label=${quote(transitionLabels?.[i] ?? t.name)}];`);
    for (const a of t.pre) out.push(`  p${a.place} -> t${i}${a.weight > 1 ? ` [label=${a.weight}]` : ''};`);
    for (const a of t.post) out.push(`  t${i} -> p${a.place}${a.weight > 1 ? ` [label=${a.weight}]` : ''};`);
    for (const a of t.inhibitors) out.push(`  p${a.place} -> t${i} [arrowhead=odot${a.weight > 1 ? `, label=${a.weight}` : ''}];`);
  });
  out.push('}');
  return out.join('\n');
}
