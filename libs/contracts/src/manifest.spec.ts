import assert from 'node:assert/strict';
import { defineManifest, intakeOf, type ServiceManifest } from './manifest';

// Event types are the registry's (declaration merging); a spec of the generic lib names its own, hence the casts.
const manifest = (overrides: Partial<ServiceManifest>): ServiceManifest =>
  ({ service: 'board', description: 'A read side.', initiates: [], reactions: [], terminal: [], ...overrides }) as ServiceManifest;
const projection = { on: 'ticket.opened', kind: 'projection', emits: [], why: 'show it' } as unknown as ServiceManifest['reactions'][number];
const forward = { on: 'ticket.opened', kind: 'forward', emits: ['ticket.closed'], why: 'close it' } as unknown as ServiceManifest['reactions'][number];

describe('service manifest intake', () => {
  it('defaults to queues', () => {
    assert.equal(intakeOf(manifest({ reactions: [projection] })), 'queues');
  });

  it('accepts the archive for a read side', () => {
    assert.equal(intakeOf(defineManifest(manifest({ intake: 'archive', reactions: [projection] }))), 'archive');
  });

  it('refuses the archive for a reaction that emits', () => {
    assert.throws(
      () => defineManifest(manifest({ intake: 'archive', reactions: [forward], terminal: ['ticket.closed'] as never })),
      /manifest board: an archive intake is for projections only, but ticket.opened is not one/,
    );
  });

  it('refuses the archive for a service that initiates events', () => {
    assert.throws(
      () => defineManifest(manifest({ intake: 'archive', reactions: [projection], initiates: [{ emits: 'ticket.opened', trigger: 'POST /tickets' }] as never })),
      /an archive intake is for read sides, which initiate nothing/,
    );
  });
});
