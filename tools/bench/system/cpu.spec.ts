import assert from 'node:assert/strict';
import { cpuFigures, isBrokerCommandLine, parseProcStat, sampleCpu } from './cpu';

describe('cpu', () => {
  it('reads utime + stime from a /proc stat line, whatever the command name holds', () => {
    const line = '1234 (node (raw) x) S 1 1234 1234 0 -1 4194304 100 0 0 0 250 40 0 0 20 0 11 0 100 0 0';
    assert.equal(parseProcStat(line), 290);
  });

  it("tells the broker's VM from a CLI tool's", () => {
    assert.equal(isBrokerCommandLine(['beam.smp', '-W', 'w', '--', '-noshell', '-s', 'rabbit', 'boot', '-boot', 'start_sasl']), true);
    assert.equal(isBrokerCommandLine(['beam.smp', '-B', '--', '-boot', 'start_clean', '-noshell', '-hidden']), false);
  });

  it('reads this process', () => {
    const [self] = sampleCpu([{ name: 'self', pid: process.pid }]);
    assert.equal(typeof self!.ticks, 'number');
    assert.equal(sampleCpu([{ name: 'none', pid: 2 ** 30 }])[0]!.ticks, undefined);
  });

  it('gives CPU ms per process and per saga, and the total', () => {
    const figures = cpuFigures(
      'saturated',
      [{ name: 'a', pid: 1, ticks: 100 }, { name: 'b', pid: 2, ticks: 10 }, { name: 'c', pid: 3 }],
      [{ name: 'a', pid: 1, ticks: 300 }, { name: 'b', pid: 2, ticks: 60 }, { name: 'c', pid: 3, ticks: 5 }],
      50,
      2,
      100,
    );
    assert.deepEqual(figures.processes, [
      { name: 'a', pid: 1, cpuMs: 2000, msPerSaga: 40 },
      { name: 'b', pid: 2, cpuMs: 500, msPerSaga: 10 },
      { name: 'c', pid: 3, cpuMs: null, msPerSaga: null },
    ]);
    assert.equal(figures.totalMs, 2500);
    assert.equal(figures.totalMsPerSaga, 50);
    assert.equal(figures.busyCores, 1.25);
  });
});
