import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { renderAsyncApi } from './asyncapi/render-asyncapi';
import { draftEventTypes } from './draft-events';
import { edgesOf } from './edges';
import { defineManifest } from './manifest';
import { temporaryCatalogue, type TemporaryCatalogue } from './testing/temporary-catalogue';
import { renderTypes } from './tooling/render-types';

// The machinery on a catalogue that is not the order one: a ticket saga keyed by `ticketId`. Nothing here may
// assume orders; the specs of libs/order-catalogue cover the same functions on the real catalogue.
const ticketSchema = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  type: 'object',
  additionalProperties: false,
  required: ['ticketId', ...Object.keys(extra)],
  properties: { ticketId: { type: 'string', format: 'uuid' }, ...extra },
  examples: [
    { ticketId: '3f0c9a52-8d0e-4b8e-9a57-2f1b6c1d7e10', ...Object.fromEntries(Object.keys(extra).map((key) => [key, 'a'])) },
    { ticketId: 'b7e2d4c1-5a6f-4c3d-8e9f-0a1b2c3d4e5f', ...Object.fromEntries(Object.keys(extra).map((key) => [key, 'b'])) },
  ],
});

describe('defineCatalogue (a catalogue of its own, keyed by another field)', () => {
  let fixture: TemporaryCatalogue;
  before(() => {
    fixture = temporaryCatalogue('ticket', 'ticketId', {
      'ticket.opened': [ticketSchema('TicketOpened', { summary: { type: 'string', maxLength: 20 } })],
      'ticket.closed': [ticketSchema('TicketClosed')],
    });
  });
  after(() => fixture.remove());
  const ticketId = '3f0c9a52-8d0e-4b8e-9a57-2f1b6c1d7e10';
  // The registry is the order catalogue's when the workspace compiles these specs; this catalogue's types are not
  // registered, so its events are built through an untyped view, as a tool handling any catalogue would.
  const untyped = () => fixture.catalogue as unknown as { createEvent(type: string, data: unknown, options: { source: string }): { subject: string; correlationid: string; dataschema: string; data: unknown } };

  it('reads every schema and names the types in order', () => {
    assert.deepEqual(fixture.catalogue.types, ['ticket.closed', 'ticket.opened']);
    assert.equal(fixture.catalogue.latest().get('ticket.opened')?.version, 1);
  });

  it('takes subject and correlation from the catalogue subject field', () => {
    const event = untyped().createEvent('ticket.opened', { ticketId, summary: 'printer' }, { source: 'desk' });
    assert.equal(event.subject, ticketId);
    assert.equal(event.correlationid, ticketId);
    assert.equal(event.dataschema, 'https://troupe.dev/schemas/ticket.opened/v1');
    assert.deepEqual(fixture.catalogue.validateEvent(event), { ok: true, event });
  });

  it('refuses a payload without the subject field when building', () => {
    assert.throws(() => untyped().createEvent('ticket.closed', {}, { source: 'desk' }), /needs a string 'ticketId'/);
    assert.throws(() => untyped().createEvent('order.created', { ticketId }, { source: 'desk' }), /unknown event type 'order.created'/);
  });

  it('validates against its own schemas and subject field only', () => {
    const event = untyped().createEvent('ticket.opened', { ticketId, summary: 'printer' }, { source: 'desk' });
    const mismatch = { ...event, subject: 'b7e2d4c1-5a6f-4c3d-8e9f-0a1b2c3d4e5f' };
    assert.deepEqual(fixture.catalogue.validateEvent(mismatch), { ok: false, reason: 'invalid-envelope', errors: ['/subject: must equal /data/ticketId'] });
    const tooLong = { ...event, data: { ticketId, summary: 'x'.repeat(21) } };
    const result = fixture.catalogue.validateEvent(tooLong);
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.reason, 'invalid-data');
    const foreign = { ...event, type: 'order.created', dataschema: 'https://troupe.dev/schemas/order.created/v1' };
    assert.equal((fixture.catalogue.validateEvent(foreign) as { reason: string }).reason, 'unknown-type');
  });

  it('decodes bodies and hands out its examples', () => {
    const event = untyped().createEvent('ticket.closed', { ticketId }, { source: 'desk' });
    assert.deepEqual(fixture.catalogue.decodeEvent(Buffer.from(JSON.stringify(event)), 1024), { ok: true, event });
    assert.equal(fixture.catalogue.decodeEvent(Buffer.from('{'), 1024).ok, false);
    assert.equal((fixture.catalogue.examplesOf as (type: string) => unknown[])('ticket.opened').length, 2);
  });

  it('renders types that register themselves with @troupe/contracts', async () => {
    const files = await renderTypes(fixture.catalogue.schemas);
    const map = files.get('event-map.generated.ts')!;
    assert.match(map, /'ticket\.opened': TicketOpened;/);
    assert.match(map, /declare module '@troupe\/contracts' \{[\s\S]*interface EventRegistry extends EventMap \{\}/);
  });

  it('renders an AsyncAPI document from its schemas and manifests, with its subject field', () => {
    const desk = defineManifest({
      service: 'desk',
      description: 'Opens and closes tickets.',
      initiates: [{ emits: 'ticket.opened', trigger: 'POST /tickets' }],
      reactions: [],
      terminal: [],
    } as never);
    const closer = defineManifest({
      service: 'closer',
      description: 'Closes what was opened.',
      initiates: [],
      reactions: [{ on: 'ticket.opened', emits: ['ticket.closed'], kind: 'forward', why: 'close it' }],
      terminal: ['ticket.closed'],
    } as never);
    const document = parse(renderAsyncApi(fixture.catalogue, [desk, closer])) as { info: { title: string }; channels: Record<string, unknown>; components: { messages: Record<string, { examples: Array<{ payload: { subject: string } }> }> } };
    assert.equal(document.info.title, 'ticket events');
    assert.deepEqual(Object.keys(document.channels).sort(), ['ticket.closed', 'ticket.opened']);
    assert.equal(document.components.messages.TicketOpened.examples[0].payload.subject, ticketId);
    assert.deepEqual(edgesOf([desk, closer]), [{ producer: 'desk', event: 'ticket.opened', consumer: 'closer', kind: 'forward' }]);
    assert.deepEqual(draftEventTypes(fixture.catalogue.types, [desk]), ['ticket.closed']);
  });
});
