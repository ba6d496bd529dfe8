/**
 * StateStore: exact storage of packed states (dense ids in insertion order, open addressing).
 * Exactness is tested under real 32-bit hash collisions (found by a birthday search over
 * `hashWords`) and under forced collisions (every state inserted with the same hash through
 * `findOrAddHashed`), and growth is tested through a million inserts of very similar states.
 */
import { describe, expect, it } from 'vitest';
import { hashWords } from '../../../src/core/hash.js';
import { StateStore } from '../../../src/core/state-store.js';

const words = (...ws: number[]): Uint32Array => Uint32Array.from(ws);

/** Pairs of distinct 2-word states [i & 0x3ff, i >>> 10] (i < 2^20) with equal 32-bit hashes. */
function realHashCollisions(): [Uint32Array, Uint32Array][] {
  const N = 1 << 20;
  const keyed = new Float64Array(N);
  const buf = new Uint32Array(2);
  const state = (i: number) => words(i & 0x3ff, i >>> 10);
  for (let i = 0; i < N; i++) {
    buf[0] = i & 0x3ff;
    buf[1] = i >>> 10;
    keyed[i] = hashWords(buf, 0, 2) * N + i; // < 2^52: exact in a double
  }
  keyed.sort();
  const pairs: [Uint32Array, Uint32Array][] = [];
  for (let k = 1; k < N; k++) {
    if (Math.floor(keyed[k] / N) === Math.floor(keyed[k - 1] / N)) pairs.push([state(keyed[k - 1] % N), state(keyed[k] % N)]);
  }
  return pairs;
}

describe('StateStore.findOrAdd / find', () => {
  it('gives dense ids in insertion order and -(id+1) for states already stored', () => {
    // Arrange
    const store = new StateStore(2);

    // Act
    const a = store.findOrAdd(words(1, 2));
    const b = store.findOrAdd(words(2, 1));
    const c = store.findOrAdd(words(0, 0));
    const again = store.findOrAdd(words(2, 1));

    // Assert
    expect([a, b, c]).toEqual([0, 1, 2]);
    expect(again).toBe(-(1 + 1));
    expect(store.size).toBe(3);
  });

  it('find returns the id of a stored state and -1 for an absent one, without inserting', () => {
    // Arrange
    const store = new StateStore(3);
    store.findOrAdd(words(7, 8, 9));
    store.findOrAdd(words(7, 8, 10));

    // Act
    const found = [store.find(words(7, 8, 9)), store.find(words(7, 8, 10))];
    const missing = [store.find(words(7, 8, 11)), store.find(words(9, 8, 7)), store.find(words(0, 0, 0))];

    // Assert
    expect(found).toEqual([0, 1]);
    expect(missing).toEqual([-1, -1, -1]);
    expect(store.size).toBe(2);
  });

  it('reads the state at an offset of a larger buffer', () => {
    // Arrange
    const store = new StateStore(2);
    const buffer = words(99, 99, 5, 6, 99);

    // Act
    const id = store.findOrAdd(buffer, 2);

    // Assert
    expect(id).toBe(0);
    expect(store.find(words(5, 6))).toBe(0);
    expect(store.find(buffer, 2)).toBe(0);
    expect(store.findOrAdd(words(0, 5, 6), 1)).toBe(-1);
    expect(Array.from(store.get(0))).toEqual([5, 6]);
  });

  it('stores the words of state id at offsetOf(id) in the arena; get returns a copy', () => {
    // Arrange
    const store = new StateStore(3);
    store.findOrAdd(words(1, 2, 3));
    store.findOrAdd(words(4, 5, 6));

    // Act
    const copy = store.get(1);
    copy[0] = 1000;

    // Assert
    expect(store.offsetOf(1)).toBe(3);
    expect(Array.from(store.arena.subarray(store.offsetOf(1), store.offsetOf(1) + 3))).toEqual([4, 5, 6]);
    expect(Array.from(store.get(1))).toEqual([4, 5, 6]);
  });

  it('keeps the full 32-bit word range (0, 2^31, 2^32-1) exact', () => {
    // Arrange
    const store = new StateStore(1);
    const values = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

    // Act
    const ids = values.map((v) => store.findOrAdd(words(v)));

    // Assert
    expect(ids).toEqual([0, 1, 2, 3, 4, 5]);
    values.forEach((v, i) => {
      expect(store.find(words(v))).toBe(i);
      expect(store.get(i)[0]).toBe(v);
    });
  });

  it('rejects a width below one word', () => {
    expect(() => new StateStore(0)).toThrow(RangeError);
    expect(() => new StateStore(1.5)).toThrow(RangeError);
  });
});

describe('StateStore growth', () => {
  it('keeps every id through a million inserts of very similar states (arena and index growth)', () => {
    // Arrange: states differ in one or two low bits of one of their words.
    const N = 1_000_000;
    const store = new StateStore(3, 16);
    const s = new Uint32Array(3);
    const fill = (i: number) => {
      s[0] = i % 1000;
      s[1] = Math.floor(i / 1000);
      s[2] = 0x5a5a5a5a;
    };

    // Act
    for (let i = 0; i < N; i++) {
      fill(i);
      const id = store.findOrAdd(s);
      if (id !== i) throw new Error(`insert ${i} got id ${id}`);
    }

    // Assert
    expect(store.size).toBe(N);
    for (let i = 0; i < N; i++) {
      fill(i);
      const id = store.find(s);
      if (id !== i) throw new Error(`state ${i} found as ${id}`);
      const again = store.findOrAdd(s);
      if (again !== -i - 1) throw new Error(`re-insert of ${i} gave ${again}`);
      const o = store.offsetOf(i);
      if (store.arena[o] !== s[0] || store.arena[o + 1] !== s[1] || store.arena[o + 2] !== s[2]) throw new Error(`arena of ${i} corrupted`);
    }
    expect(store.size).toBe(N);
    fill(N);
    expect(store.find(s)).toBe(-1);
    // Index load factor stays in (0.375, 0.75]: at most 2.67 slots of 8 bytes per state, plus arena slack.
    expect(store.overheadPerState()).toBeLessThan(2.67 * 8 + 0.5 * 12 + 1);
  });

  it('grows from the smallest capacity without losing states', () => {
    // Arrange
    const store = new StateStore(1, 1);

    // Act
    for (let i = 0; i < 100; i++) store.findOrAdd(words(i * 7919));

    // Assert
    for (let i = 0; i < 100; i++) expect(store.find(words(i * 7919))).toBe(i);
    expect(store.bytes).toBeGreaterThanOrEqual(100 * 4);
  });
});

describe('StateStore exactness under hash collisions', () => {
  it('distinct states with equal 32-bit hashes get distinct ids and are each found', () => {
    // Arrange
    const pairs = realHashCollisions();
    const store = new StateStore(2, 16);

    // Act
    const ids = pairs.map(([a, b]) => [store.findOrAdd(a), store.findOrAdd(b)]);

    // Assert
    expect(pairs.length).toBeGreaterThan(50);
    for (const [a, b] of pairs) expect(hashWords(a, 0, 2)).toBe(hashWords(b, 0, 2));
    expect(new Set(ids.flat()).size).toBe(2 * pairs.length);
    pairs.forEach(([a, b], k) => {
      expect(store.find(a)).toBe(ids[k][0]);
      expect(store.find(b)).toBe(ids[k][1]);
      expect(Array.from(store.get(ids[k][0]))).toEqual(Array.from(a));
      expect(Array.from(store.get(ids[k][1]))).toEqual(Array.from(b));
    });
  });

  it('keeps 2000 distinct states inserted with one forced hash apart, across table growth', () => {
    // Arrange: every state is filed under the same hash, so every lookup compares words.
    const store = new StateStore(2, 16);
    const H = 0x1234567;
    const state = (i: number) => words(i >>> 1, i & 1);

    // Act
    const ids = Array.from({ length: 2000 }, (_, i) => store.findOrAddHashed(state(i), 0, H));

    // Assert
    expect(ids).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    for (let i = 0; i < 2000; i++) expect(store.findOrAddHashed(state(i), 0, H)).toBe(-i - 1);
    expect(store.findOrAddHashed(state(2000), 0, H)).toBe(2000);
    expect(store.size).toBe(2001);
  });

  it('findOrAddHashed with the real hash agrees with findOrAdd and find; touch is side-effect free', () => {
    // Arrange
    const store = new StateStore(2);
    const a = words(3, 4);
    const b = words(4, 3);

    // Act
    const ia = store.findOrAddHashed(a, 0, hashWords(a, 0, 2) | 0);
    store.touch(hashWords(b, 0, 2) | 0);
    const ib = store.findOrAdd(b);

    // Assert
    expect([ia, ib]).toEqual([0, 1]);
    expect(store.find(a)).toBe(0);
    expect(store.findOrAddHashed(b, 0, hashWords(b, 0, 2) | 0)).toBe(-2);
    expect(store.size).toBe(2);
  });
});
