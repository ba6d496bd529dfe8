/**
 * Round trip: for random small P/T nets, `parsePnml(writePnml(net))` equals `net` — same ids,
 * names, initial markings and (already normalised) arcs. Nets without places cannot be read back
 * by design: the reader rejects them with WFV1108.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import type { Arc, PetriNet, PlaceId, TransitionId } from '../../src/petri/net.js';
import { parsePnml } from '../../src/petri/pnml/read.js';
import { writePnml } from '../../src/petri/pnml/write.js';

const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const specials = fc.constantFrom('<', '&', '"', "'", '>', ']]>', ' ', '\t', '\n', '\r', 'é', 'ß', '中', '🙂', 'a', 'Z', '_', '-', '1');
/** Strings mixing XML-special characters, whitespace and non-ASCII text (all representable in XML 1.0). */
const text = fc
  .oneof(fc.string({ unit: specials, maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 6 }))
  .filter((s) => XML_CHARS.test(s));

/** Arcs to distinct places, sorted by place, weights 1..5 (the normal form `normaliseArcs` gives). */
const arcs = (places: number): fc.Arbitrary<Arc[]> =>
  places === 0
    ? fc.constant([])
    : fc
        .uniqueArray(fc.record({ place: fc.nat(places - 1), weight: fc.integer({ min: 1, max: 5 }) }), { selector: (a) => a.place, maxLength: places })
        .map((as) => as.sort((a, b) => a.place - b.place));

const net: fc.Arbitrary<PetriNet> = fc
  .record({ places: fc.integer({ min: 0, max: 6 }), transitions: fc.integer({ min: 0, max: 6 }) })
  .chain(({ places, transitions }) =>
    fc.record({
      id: text.filter((s) => s.length > 0),
      name: text,
      ids: fc.uniqueArray(text.filter((s) => s.length > 0), { minLength: places + transitions, maxLength: places + transitions }),
      placeData: fc.array(fc.record({ name: text, initial: fc.integer({ min: 0, max: 1000 }) }), { minLength: places, maxLength: places }),
      transData: fc.array(fc.record({ name: text, pre: arcs(places), post: arcs(places), inhibitors: arcs(places) }), {
        minLength: transitions,
        maxLength: transitions,
      }),
    }),
  )
  .map(({ id, name, ids, placeData, transData }) => ({
    id,
    name,
    places: placeData.map((p, i) => ({ id: ids[i] as PlaceId, name: p.name, initial: p.initial })),
    transitions: transData.map((t, i) => ({ id: ids[placeData.length + i] as TransitionId, ...t })),
  }));

describe('PNML round trip', () => {
  it('parsePnml(writePnml(net)) is structurally equal to net', () => {
    fc.assert(
      fc.property(net, (n) => {
        const xml = writePnml(n);
        if (n.places.length === 0) {
          expect(() => parsePnml(xml)).toThrow(InputError);
          return;
        }
        expect(parsePnml(xml, 'roundtrip.pnml')).toEqual(n);
      }),
      { numRuns: 500 },
    );
  });
});
