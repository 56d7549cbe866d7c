import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { orderBody, pollUntil } from '@troupe/order-testing';
import { viewWhenStatus } from './order-expectations';
import { useOrderSystem } from './use-order-system';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');

interface InspectRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would (`npx troupe inspect`), against this suite's order-view. */
function inspect(orderId: string, viewUrl: string): Promise<InspectRun> {
  const cli = path.join(workspaceRoot, 'tools', 'cli', 'bin', 'troupe.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'inspect', orderId, '--view-url', viewUrl], { cwd: workspaceRoot, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// `troupe inspect` on sagas that really ran through every service: the timeline is complete and follows the map.
describe('troupe inspect on real sagas', function () {
  this.timeout(120_000);
  const system = useOrderSystem({ sagaDeadlineMs: 30_000 });

  async function settled(body: ReturnType<typeof orderBody>, status: string): Promise<string> {
    const sys = system();
    const { orderId } = await sys.orders.placeAccepted(body);
    await sys.waitForTerminal(orderId);
    await viewWhenStatus(sys, orderId, status);
    // The view is fed by events: wait until the last step (the notification) is in its timeline too.
    await pollUntil(
      async () => {
        const view = await sys.orderView.get(orderId);
        return view.status === 200 && view.body.timeline.some((step) => step.event === 'customer.notified') ? true : undefined;
      },
      { timeoutMs: 30_000, what: `order ${orderId} notified in order-view` },
    );
    return orderId;
  }

  it('prints the happy path hop by hop and finds it follows the map (exit 0)', async () => {
    const orderId = await settled(orderBody({ items: [{ sku: 'SKU-071', quantity: 1, unitPrice: 12.5 }] }), 'CONFIRMED');
    const run = await inspect(orderId, system().urlOf('order-view'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /CONFIRMED/);
    for (const step of ['order.created', 'stock.reserved', 'payment.captured', 'shipment.scheduled', 'order.confirmed', 'customer.notified']) {
      assert.match(run.stdout, new RegExp(step.replace('.', '\\.')), `timeline lacks ${step}`);
    }
    assert.match(run.stdout, /follows the map/);
  });

  it('prints a shipping failure with its refund-then-release relay and finds it follows the map (exit 0)', async () => {
    const body = orderBody({ items: [{ sku: 'SKU-072', quantity: 1, unitPrice: 12.5 }] });
    const orderId = await settled({ ...body, shippingAddress: { ...body.shippingAddress, country: 'AQ' } }, 'CANCELLED');
    const run = await inspect(orderId, system().urlOf('order-view'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const refund = run.stdout.indexOf('payment.refunded');
    const release = run.stdout.indexOf('stock.released');
    assert.ok(refund > 0 && release > refund, `refund must come before release:\n${run.stdout}`);
    assert.match(run.stdout, /follows the map/);
  });
});
