import assert from 'node:assert/strict';
import { defaultChaosOptions } from './options';
import { seededRandom } from './random';
import { buildSchedule, spreadOutside, type Fault } from './schedule';
import { allTargets, targetName } from './targets';

const kills = (faults: Fault[]) => faults.filter((fault): fault is Extract<Fault, { kind: 'kill' }> => fault.kind === 'kill');

describe('chaos schedule', () => {
  it('by default kills every worker twice, restarts the broker twice, cuts once, poisons 1 % (at least one of each kind)', () => {
    const faults = buildSchedule(defaultChaosOptions, seededRandom(1));
    const perTarget = new Map<string, number>();
    for (const kill of kills(faults)) perTarget.set(targetName(kill.target), (perTarget.get(targetName(kill.target)) ?? 0) + 1);
    assert.deepEqual([...perTarget.keys()].sort(), allTargets(true).map(targetName).sort());
    for (const [name, count] of perTarget) assert.equal(count, 2, name);
    assert.equal(faults.filter((fault) => fault.kind === 'broker-restart').length, 2);
    assert.equal(faults.filter((fault) => fault.kind === 'connection-cut').length, 1);
    const poison = faults.filter((fault) => fault.kind === 'poison');
    assert.equal(poison.length, 3);
    assert.deepEqual(new Set(poison.map((fault) => fault.kind === 'poison' && fault.poison)), new Set(['not-json', 'unknown-type', 'schema-invalid']));
    assert.deepEqual(faults.map((fault) => fault.atMs), [...faults].map((fault) => fault.atMs).sort((a, b) => a - b));
    assert.deepEqual(buildSchedule(defaultChaosOptions, seededRandom(1)), faults, 'the seed replays it');
  });

  it('kills second instances before they scale in, and nothing next to a broker fault', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const faults = buildSchedule(defaultChaosOptions, seededRandom(seed));
      const scaleIn = faults.find((fault) => fault.kind === 'scale-in')!;
      for (const kill of kills(faults)) if (kill.target.index === 1) assert.ok(kill.atMs <= scaleIn.atMs - 10_000, `seed ${seed}: ${targetName(kill.target)}`);
      for (const broker of faults.filter((fault) => fault.kind === 'broker-restart' || fault.kind === 'connection-cut')) {
        for (const kill of kills(faults)) assert.ok(kill.atMs < broker.atMs - 2_000 || kill.atMs > broker.atMs + 8_000, `seed ${seed}: kill at ${kill.atMs} near ${broker.atMs}`);
      }
    }
  });

  it('spreads instants evenly outside the zones', () => {
    assert.deepEqual(spreadOutside(0, 100, [[40, 60]], 4), [10, 30, 70, 90]);
    assert.deepEqual(spreadOutside(0, 10, [], 1), [5]);
  });
});
