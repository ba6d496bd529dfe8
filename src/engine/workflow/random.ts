/**
 * Workflow randomness exactly as on Temporal, so that `Math.random()`, `uuid4()` and the default
 * ids of child workflows draw the same values on the engine as under Temporal's TypeScript SDK:
 *
 * - the seed is what Temporal's core SDK derives from the run's `originalExecutionRunId`:
 *   SipHash-1-3 with a zero key over the id's UTF-8 bytes followed by 0xFF (Rust's `str` hashing),
 *   a 64-bit value handed to the SDK as 8 big-endian bytes;
 * - the generator is Johannes Baagøe's Alea, seeded with those bytes through his Mash function;
 * - a UUID takes four draws of 32 bits, then the version (4) and variant bits are set.
 *
 * Checked against a history written by the SDK (`random-replay-1.17.2.json` of the corpus, whose
 * recorded random number, UUID and child id this reproduces) and by the SDK replaying the
 * engine's histories of workflows that branch on them.
 *
 * This module runs inside the workflow sandbox: no Node APIs (`TextEncoder` included).
 */

const MASK64 = (1n << 64n) - 1n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64;
}

/** SipHash-1-3 of `bytes` with the key (0, 0), as a 64-bit unsigned integer. */
export function sipHash13(bytes: readonly number[]): bigint {
  let v0 = 0x736f6d6570736575n, v1 = 0x646f72616e646f6dn, v2 = 0x6c7967656e657261n, v3 = 0x7465646279746573n;
  const round = (): void => {
    v0 = (v0 + v1) & MASK64; v1 = rotl(v1, 13n) ^ v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK64; v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & MASK64; v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & MASK64; v1 = rotl(v1, 17n) ^ v2; v2 = rotl(v2, 32n);
  };
  const whole = bytes.length - (bytes.length % 8);
  for (let i = 0; i < whole; i += 8) {
    let m = 0n;
    for (let j = 7; j >= 0; j--) m = (m << 8n) | BigInt(bytes[i + j]);
    v3 ^= m; round(); v0 ^= m;
  }
  // the last block: the remaining bytes, little-endian, with the length's low byte on top
  let last = BigInt(bytes.length & 0xff) << 56n;
  for (let j = bytes.length - 1; j >= whole; j--) last |= BigInt(bytes[j]) << BigInt(8 * (j - whole));
  v3 ^= last; round(); v0 ^= last;
  v2 ^= 0xffn;
  round(); round(); round();
  return (v0 ^ v1 ^ v2 ^ v3) & MASK64;
}

/** The UTF-8 bytes of `s` (lone surrogates as U+FFFD, as `TextEncoder` does). */
export function utf8(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/** The seed bytes Temporal's SDK receives for a run: its core's hash of the run id, big-endian. */
export function temporalSeed(runId: string): number[] {
  const h = sipHash13([...utf8(runId), 0xff]);
  const bytes: number[] = [];
  for (let shift = 56n; shift >= 0n; shift -= 8n) bytes.push(Number((h >> shift) & 0xffn));
  return bytes;
}

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Baagøe's Mash: folds the numbers of `data` into its state; returns a fraction in [0, 1). */
function mash(): (data: readonly number[]) => number {
  let n = 0xefc8249d;
  return (data) => {
    for (let i = 0; i < data.length; i++) {
      n += data[i];
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * TWO_POW_MINUS_32;
  };
}

/** Baagøe's Alea generator seeded with `seed` (numbers, here bytes): fractions in [0, 1). */
export function alea(seed: readonly number[]): () => number {
  const m = mash();
  // Baagøe's seeding: three states from a space character (code 32), each less the seed's mash
  let s0 = m([32]), s1 = m([32]), s2 = m([32]);
  s0 -= m(seed); if (s0 < 0) s0 += 1;
  s1 -= m(seed); if (s1 < 0) s1 += 1;
  s2 -= m(seed); if (s2 < 0) s2 += 1;
  let c = 1;
  return () => {
    const t = 2091639 * s0 + c * TWO_POW_MINUS_32;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    return (s2 = t - c);
  };
}

/** The generator of the run whose `originalExecutionRunId` is `runId`. */
export function runRandom(runId: string): () => number {
  return alea(temporalSeed(runId));
}

const STREAM_PREFIX = utf8('temporal-workflow-random-stream-v1');

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/**
 * The seed of the named stream `name` of a run whose seed is `seed` (Temporal's
 * `getRandomStream`): a versioned prefix, then the run's seed and the name's UTF-8 bytes, each
 * after its length (32 bits, big-endian). Streams do not draw from the run's main generator.
 */
export function streamSeed(seed: readonly number[], name: string): number[] {
  const nameBytes = utf8(name);
  return [...STREAM_PREFIX, ...u32(seed.length), ...seed, ...u32(nameBytes.length), ...nameBytes];
}

/** Fills `bytes` with `random` (one draw per byte, as the SDK's `fill`). */
export function fillFrom<B extends { length: number; [i: number]: number }>(random: () => number, bytes: B): B {
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 0x100);
  return bytes;
}

/** A version 4 UUID from four 32-bit draws of `random` (the SDK's construction). */
export function uuid4From(random: () => number): string {
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const x = (random() * 0x100000000) >>> 0;
    b.push(x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
  }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
