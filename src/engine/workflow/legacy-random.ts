/**
 * The workflow randomness of engines before 0.1 followed Temporal's (./random.ts): an sfc32
 * generator seeded from the run id, and UUIDs drawn hex group by hex group. Kept only so that runs
 * those engines started replay with the values they drew; the store tells which runs they are
 * (`EngineStore.randomness`). Runs inside the workflow sandbox.
 */

/** The sfc32 generator of a run started by an earlier engine, seeded from its run id. */
export function legacyRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h ^ 0x9e3779b9, b = h ^ 0x243f6a88, c = h ^ 0xb7e15162, d = h;
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A version 4 UUID as earlier engines drew it from `random`. */
export function legacyUuid4(random: () => number): string {
  const hex = (n: number): string => Math.floor(random() * 2 ** (4 * n)).toString(16).padStart(n, '0');
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
