/** PNML writer: document shape, escaping, inhibitor spelling and what it refuses to write. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { PetriNet, PlaceId, TransitionId } from '../../../src/petri/net.js';
import { parsePnml } from '../../../src/petri/pnml/read.js';
import { escapeAttr, escapeText, PTNET_TYPE, writePnml } from '../../../src/petri/pnml/write.js';

const P = (id: string, name = id, initial = 0) => ({ id: id as PlaceId, name, initial });
const T = (id: string, pre: [number, number][], post: [number, number][], inh: [number, number][] = [], name = id) => ({
  id: id as TransitionId,
  name,
  pre: pre.map(([place, weight]) => ({ place, weight })),
  post: post.map(([place, weight]) => ({ place, weight })),
  inhibitors: inh.map(([place, weight]) => ({ place, weight })),
});

const net: PetriNet = {
  id: 'mutex',
  name: 'Mutex <&> "net"',
  places: [P('idle', 'idle', 2), P('a0', 'critical'), P('lock', 'lock', 1)],
  transitions: [T('enter', [[0, 1], [2, 1]], [[1, 1]], [[1, 2]]), T('leave', [[1, 1]], [[0, 1], [2, 3]])],
};

describe('writePnml', () => {
  const xml = writePnml(net);

  it('writes a single-page 2009 ptnet document', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<pnml xmlns="http://www.pnml.org/version-2009/grammar/pnml">')).toBe(true);
    expect(xml).toContain(`<net id="mutex" type="${PTNET_TYPE}">`);
    expect(xml.match(/<page /g)).toHaveLength(1);
    expect(xml).toContain('<name><text>Mutex &lt;&amp;&gt; "net"</text></name>');
  });

  it('writes markings only when positive and inscriptions only when the weight is not 1', () => {
    expect(xml).toContain('<place id="idle"><name><text>idle</text></name><initialMarking><text>2</text></initialMarking></place>');
    expect(xml).toContain('<place id="a0"><name><text>critical</text></name></place>');
    expect(xml).toMatch(/source="leave" target="lock"><inscription><text>3<\/text><\/inscription><\/arc>/);
    expect(xml).toMatch(/source="idle" target="enter"\/>/);
  });

  it('spells inhibitor arcs as TAPAAL does and avoids arc ids taken by nodes', () => {
    expect(xml).toMatch(/<arc id="a\d+" source="a0" target="enter" type="inhibitor"><inscription><text>2<\/text>/);
    expect(xml).not.toMatch(/<arc id="a0"/);
  });

  it('is read back as the same net', () => {
    expect(parsePnml(xml)).toEqual(net);
  });

  it('escapes text and attributes so that whitespace and quotes survive', () => {
    expect(escapeText('a<b>&c\r\n')).toBe('a&lt;b&gt;&amp;c&#13;\n');
    expect(escapeAttr(`"x"\t'y'\n`)).toBe('&quot;x&quot;&#9;&apos;y&apos;&#10;');
    const odd: PetriNet = { id: 'n"1', name: ' two\r\nlines\t', places: [P('p "&<', 'é 🙂 ]]>')], transitions: [] };
    expect(parsePnml(writePnml(odd))).toEqual(odd);
  });

  it('refuses capacities and characters XML 1.0 cannot carry', () => {
    const cap: PetriNet = { ...net, places: [{ ...net.places[0], capacity: 3 }] };
    expect(() => writePnml(cap)).toThrow(InputError);
    expect(() => writePnml({ ...net, name: 'bell\u0007' })).toThrow(/cannot represent/);
    expect(() => writePnml({ ...net, name: 'half \uD800 surrogate' })).toThrow(InputError);
  });
});
