/**
 * `wfverify net --replay PATH`: a trace printed by one run replays in another; a path that does
 * not replay, or is not a path, is bad input (exit 2) naming the failing step.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli as run } from '../support/run-cli.js';
import { parseActionPath, tryReplay } from '../../src/core/index.js';
import { PetriSystem, readPnmlFile } from '../../src/petri/index.js';

const NET = 'examples/nets/philosophers-5.pnml';

afterEach(() => vi.restoreAllMocks());

describe('action paths', () => {
  it('parse and replay; a disabled step is reported with its number', async () => {
    // Arrange
    const system = new PetriSystem(await readPnmlFile(NET));
    // Act
    const ok = tryReplay(system, parseActionPath('0/0/3')!);
    const bad = tryReplay(system, parseActionPath('0/0/0')!);
    // Assert
    expect(ok.failedStep).toBeUndefined();
    expect(ok.states).toHaveLength(3);
    expect(bad.failedStep).toBe(2);
    expect(parseActionPath('0/x')).toBeUndefined();
    expect(parseActionPath(' 2 ')).toEqual({ initial: 2, actions: [] });
  });

  it('the deadlock trace printed by --deadlock replays with --replay and ends in that deadlock', async () => {
    const found = await run(['net', NET, '--deadlock', '--format', 'json']);
    const answer = JSON.parse(found.out).answers[0];
    const replayed = await run(['net', NET, '--replay', answer.trace.path, '--format', 'json']);
    expect(replayed.code).toBe(0);
    const markings = JSON.parse(replayed.out).markings as string[];
    expect(answer.explanation).toBe(`deadlock: ${markings[markings.length - 1]}`);
  });

  it('a path that does not replay, or is no path, exits 2 without a stack trace', async () => {
    const notEnabled = await run(['net', NET, '--replay', '0/0/0']);
    expect(notEnabled.code).toBe(2);
    expect(notEnabled.err).toMatch(/error WFV1402: .*step 2: action take_left_0 is not enabled/);
    const garbage = await run(['net', NET, '--replay', 'zero']);
    expect(garbage.code).toBe(2);
    expect(garbage.err).toContain('error WFV1401');
    expect(garbage.err + notEnabled.err).not.toMatch(/\n\s+at /);
  });
});
