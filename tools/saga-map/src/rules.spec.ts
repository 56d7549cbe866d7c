import assert from 'node:assert/strict';
import type { Reaction, ServiceManifest } from '@troupe/contracts';
import { checkSagaMap } from './check-saga-map';
import type { SagaMapOptions } from './saga-map-options';
import type { RuleId } from './violation';

const noExemptions: SagaMapOptions = { pointsOfNoReturn: {} };

function service(name: string, parts: Partial<Pick<ServiceManifest, 'initiates' | 'terminal'>> & { reactions?: Reaction[] }): ServiceManifest {
  return { service: name, description: name, initiates: parts.initiates ?? [], reactions: parts.reactions ?? [], terminal: parts.terminal ?? [] };
}

function messages(manifests: ServiceManifest[], rule: RuleId, options = noExemptions): string[] {
  return checkSagaMap(manifests, options).filter((v) => v.rule === rule).map((v) => v.message);
}

// A tiny well-formed saga: start → reserve (undone on decline) → charge (final, declared terminal).
const starter = service('starter', {
  initiates: [{ emits: 'order.created', trigger: 'POST' }],
  reactions: [{ on: 'stock.released', kind: 'compensation', undoes: 'order.created', emits: [], why: 'end' }],
});
const stock = service('stock', {
  reactions: [
    { on: 'order.created', kind: 'forward', emits: ['stock.reserved'], why: 'reserve' },
    { on: 'payment.declined', kind: 'compensation', undoes: 'stock.reserved', emits: ['stock.released'], why: 'release' },
  ],
});
const pay = service('pay', {
  reactions: [{ on: 'stock.reserved', kind: 'forward', emits: ['payment.captured', 'payment.declined'], why: 'charge' }],
  terminal: ['payment.captured'],
});

describe('saga-map rules', () => {
  it('accept a small well-formed saga', () => {
    assert.deepEqual(checkSagaMap([starter, stock, pay], noExemptions), []);
  });

  it('cycle: a loop of forward reactions, but not one through a compensation', () => {
    const loop = (kind: 'forward' | 'compensation'): ServiceManifest[] => [
      service('a', { initiates: [{ emits: 'order.created', trigger: 'POST' }], reactions: [{ on: 'order.created', kind: 'forward', emits: ['stock.reserved'], why: '' }] }),
      service('b', {
        reactions: [kind === 'forward'
          ? { on: 'stock.reserved', kind, emits: ['payment.captured'], why: '' }
          : { on: 'stock.reserved', kind, undoes: 'order.created', emits: ['payment.captured'], why: '' }],
      }),
      service('c', { reactions: [{ on: 'payment.captured', kind: 'forward', emits: ['order.created'], why: '' }] }),
    ];
    assert.deepEqual(messages(loop('forward'), 'cycle'), [
      'order.created → stock.reserved (a) → payment.captured (b) → order.created (c): forward reactions loop forever; break the loop or make one link a declared compensation',
    ]);
    assert.deepEqual(messages(loop('compensation'), 'cycle'), []);
  });

  it('never-produced: an event consumed that nobody emits', () => {
    const orphan = service('ship', { reactions: [{ on: 'payment.refunded', kind: 'projection', emits: [], why: '' }] });
    assert.deepEqual(messages([starter, stock, pay, orphan], 'never-produced'), ['payment.refunded is consumed by ship (projection) but no manifest emits it']);
  });

  it('never-consumed: emitted, only observed or not read at all, and not terminal', () => {
    const undeclared = { ...pay, terminal: [] };
    assert.deepEqual(messages([starter, stock, undeclared], 'never-consumed'), [
      'payment.captured is emitted by pay but nobody consumes it, and it is not declared terminal',
    ]);
    const observer = service('view', { reactions: [{ on: 'payment.captured', kind: 'projection', emits: [], why: '' }] });
    assert.deepEqual(messages([starter, stock, undeclared, observer], 'never-consumed'), [
      'payment.captured is emitted by pay but only projections read it (view), and it is not declared terminal',
    ]);
    assert.deepEqual(messages([starter, stock, pay, observer], 'never-consumed'), []);
  });

  it('uncompensated-step: a forward step nobody undoes, unless it is a point of no return', () => {
    const shipper = service('ship', {
      reactions: [{ on: 'payment.captured', kind: 'forward', emits: ['shipment.scheduled'], why: '' }],
      terminal: ['shipment.scheduled'],
    });
    const manifests = [starter, stock, { ...pay, terminal: [] }, shipper];
    assert.deepEqual(messages(manifests, 'uncompensated-step'), [
      "pay's forward reaction to stock.reserved emits payment.captured, which no compensation undoes and no service compensates on: add a reaction with undoes: 'payment.captured', or declare it a point of no return",
    ]);
    assert.deepEqual(messages(manifests, 'uncompensated-step', { pointsOfNoReturn: { 'payment.captured': 'final' } }), []);
  });

  it('stale-exemption: a point of no return that no forward step emits, or that is undone after all', () => {
    const options: SagaMapOptions = { pointsOfNoReturn: { 'order.confirmed': 'x', 'stock.reserved': 'y' } };
    assert.deepEqual(messages([starter, stock, pay], 'stale-exemption', options), [
      'point of no return order.confirmed is not emitted by any forward step',
      'point of no return stock.reserved is undone by stock: it is not a point of no return',
    ]);
  });

  it('undoes-unknown-step: a compensation that undoes a step nobody takes', () => {
    const confused = service('ship', { reactions: [{ on: 'payment.declined', kind: 'compensation', undoes: 'shipment.scheduled', emits: [], why: '' }] });
    assert.deepEqual(messages([starter, stock, pay, confused], 'undoes-unknown-step'), [
      "ship's compensation on payment.declined undoes shipment.scheduled, which no forward step emits",
    ]);
  });

  describe('conflicting-reactions', () => {
    it('two services undoing the same step', () => {
      const rival = service('rival', { reactions: [{ on: 'payment.declined', kind: 'compensation', undoes: 'stock.reserved', emits: [], why: '' }] });
      assert.deepEqual(messages([starter, stock, pay, rival], 'conflicting-reactions'), [
        'stock.reserved is undone by 2 services (stock, rival): exactly one service may own undoing a step',
      ]);
    });

    it('one event advancing one service and compensating in another', () => {
      const contrarian = service('contrarian', { reactions: [{ on: 'payment.declined', kind: 'forward', emits: [], why: '' }] });
      assert.deepEqual(messages([starter, stock, pay, contrarian], 'conflicting-reactions'), [
        'payment.declined advances contrarian (forward) but makes stock compensate: one event cannot mean both "go on" and "undo"',
      ]);
    });

    it('two services deciding one step with exclusive outcomes', () => {
      const secondOpinion = service('fraud', { reactions: [{ on: 'stock.reserved', kind: 'forward', emits: ['payment.declined'], why: '' }] });
      const shipper = service('ship', { reactions: [{ on: 'payment.captured', kind: 'forward', emits: [], why: '' }] });
      assert.deepEqual(messages([starter, stock, { ...pay, terminal: [] }, shipper, secondOpinion], 'conflicting-reactions'), [
        'on stock.reserved, pay may emit payment.captured (the saga goes on) while fraud may emit payment.declined (the saga compensates): two services decide one step with exclusive outcomes',
      ]);
    });
  });
});
