import assert from 'node:assert/strict';
import { edgesOf } from '@troupe/contracts';
import { referenceManifests } from '@troupe/order-catalogue';
import { NonRecoverableError, type EventHandler, type HandlerMap } from '@troupe/messaging';
import { referenceDefinitions, referenceSystem } from './order-system';
import { verifyContractEdges, type EdgeReport } from './verify-edges';

const failing = (reports: EdgeReport[]) => reports.filter((r) => r.failures.length > 0);
const title = ({ edge }: EdgeReport) => `${edge.producer} → ${edge.event} → ${edge.consumer}`;

describe('order system contracts, run on the real handlers', function () {
  this.timeout(30_000);

  it('holds every producer → event → consumer edge of the manifests', async () => {
    const reports = await verifyContractEdges(referenceSystem());
    assert.equal(reports.length, edgesOf(referenceManifests).length);
    assert.deepEqual(failing(reports).map((r) => `${title(r)}: ${r.failures.join(' | ')}`), []);
    for (const report of reports) assert.ok(report.samples > 0 && report.examples >= 2, `${title(report)} ran on ${report.samples} samples, ${report.examples} examples`);
  });

  it('fails the edges of a producer that emits a wrong field', async () => {
    const payment = referenceDefinitions['payment-service'];
    const broken = {
      ...payment,
      handlers: (context: Parameters<NonNullable<typeof payment.handlers>>[0]) =>
        mapHandlers(payment.handlers!(context), (handler) => (event, ctx) =>
          handler(event, { ...ctx, emit: ((type: string, data: object) => ctx.emit(type as never, (type === 'payment.captured' ? { ...data, amountCents: '44.98' } : data) as never)) as never })),
    };
    const reports = await verifyContractEdges(referenceSystem({ ...referenceDefinitions, 'payment-service': broken }));
    const failed = failing(reports);
    for (const consumer of ['order-view', 'shipping-service']) {
      const edge = failed.find((r) => title(r) === `payment-service → payment.captured → ${consumer}`);
      assert.match(edge?.failures.join('\n') ?? 'edge passed', /payment-service emitted an invalid payment.captured \(invalid-data: \/data\/amountCents/);
    }
    // Downstream of the broken event, edges fail only because shipping never got a valid payment.captured.
    assert.ok(failed.every((r) => r.edge.event === 'payment.captured' || r.failures.every((f) => /never emitted/.test(f))), failed.map(title).join('\n'));
  });

  it('fails the edge of a producer that stops carrying the state its consumer acts on', async () => {
    const inventory = referenceDefinitions['inventory-service'];
    const withoutCharge = ({ charge: _charge, ...data }: { charge?: unknown }) => data;
    const broken = {
      ...inventory,
      handlers: (context: Parameters<NonNullable<typeof inventory.handlers>>[0]) =>
        mapHandlers(inventory.handlers!(context), (handler) => (event, ctx) =>
          handler(event, { ...ctx, emit: ((type: string, data: object) => ctx.emit(type as never, (type === 'stock.reserved' ? withoutCharge(data) : data) as never)) as never })),
    };
    const reports = await verifyContractEdges(referenceSystem({ ...referenceDefinitions, 'inventory-service': broken }));
    const edge = reports.find((r) => title(r) === 'inventory-service → stock.reserved → payment-service');
    assert.match(edge?.failures.join('\n') ?? 'no such edge', /payment-service failed on .*carries no charge and none was remembered/);
    assert.equal(reports.find((r) => title(r) === 'inventory-service → stock.reserved → order-view')?.failures.length, 0, 'still valid for the read side');
  });

  it('fails the edge of a consumer that cannot handle a valid event', async () => {
    const shipping = referenceDefinitions['shipping-service'];
    const broken = {
      ...shipping,
      handlers: (context: Parameters<NonNullable<typeof shipping.handlers>>[0]) => ({
        ...shipping.handlers!(context),
        'order.cancellation-requested': async () => {
          throw new NonRecoverableError('cannot handle it');
        },
      }),
    };
    const reports = await verifyContractEdges(referenceSystem({ ...referenceDefinitions, 'shipping-service': broken }));
    const failed = failing(reports);
    // The broken consumer's own edge fails; so do the edges downstream it no longer feeds (never emitted).
    assert.ok(failed.some((r) => title(r) === 'order-service → order.cancellation-requested → shipping-service'), failed.map(title).join('\n'));
    assert.ok(failed.every((r) => r.edge.consumer === 'shipping-service' || r.failures.every((f) => /never emitted/.test(f))), failed.map(title).join('\n'));
    assert.match(failed.find((r) => r.edge.consumer === 'shipping-service')!.failures.join('\n'), /NonRecoverableError: cannot handle it/);
  });
});

function mapHandlers(handlers: HandlerMap, wrap: (handler: EventHandler) => EventHandler): HandlerMap {
  return Object.fromEntries(Object.entries(handlers).map(([type, handler]) => [type, wrap(handler as EventHandler)])) as HandlerMap;
}
