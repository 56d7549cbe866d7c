import assert from 'node:assert/strict';
import { NodeRotation, randomStart } from './node-rotation';

/** Drives a rotation: 'f' a failed attempt, 'c' connected, 'l' the connection lost. Returns the node of each attempt and where a back-off fell. */
function drive(rotation: NodeRotation, steps: string): string {
  let trace = '';
  for (const step of steps) {
    if (step === 'f') trace += `${rotation.current()}${rotation.failed() ? '' : '|'}`;
    if (step === 'c') {
      trace += `${rotation.current()}+`;
      rotation.connected();
    }
    if (step === 'l') {
      rotation.lost();
      trace += '!';
    }
  }
  return trace;
}

describe('NodeRotation', () => {
  it('tries each node once per round in list order from the start, backing off only after a whole round failed', () => {
    assert.equal(drive(new NodeRotation(3, 1), 'ffffff'), '120|120|');
  });

  it('after connecting, a lost connection starts the next round at the node after the lost one', () => {
    // Connected to 2 at once; lost; 0 and 1 tried without waiting; 1 answers.
    assert.equal(drive(new NodeRotation(3, 2), 'clfc'), '2+!01+');
    // All three dead after the loss: the lost node comes last in the round, then the back-off.
    assert.equal(drive(new NodeRotation(3, 0), 'clfff'), '0+!120|');
  });

  it('a success mid-round starts a fresh round count', () => {
    assert.equal(drive(new NodeRotation(3, 0), 'fcfff'), '01+120|');
  });

  it('one node: every failure is a full round (the back-off of a single broker, as before)', () => {
    assert.equal(drive(new NodeRotation(1, 0), 'ffclf'), '0|0|0+!0|');
  });

  it('wraps any start into range and refuses an empty list', () => {
    assert.equal(new NodeRotation(3, 7).current(), 1);
    assert.equal(new NodeRotation(3, -1).current(), 2);
    assert.throws(() => new NodeRotation(0, 0), RangeError);
  });

  it('randomStart covers every node and stays in range', () => {
    assert.deepEqual([0, 0.34, 0.67, 0.999999, 1].map((value) => randomStart(3, () => value)), [0, 1, 2, 2, 2]);
    assert.equal(randomStart(1), 0);
  });
});
