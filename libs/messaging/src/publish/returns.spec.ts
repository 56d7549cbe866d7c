import assert from 'node:assert/strict';
import { missingExchange, publishIdHeader, ReturnCorrelator, returnReason } from './returns';

const noRoute = (exchange: string, routingKey = 'q') => ({ exchange, routingKey, replyCode: 312, replyText: 'NO_ROUTE' });

describe('publish returns: correlating basic.return with the confirm of the same publish', () => {
  it('gives each publish its own id and reports nothing for a publish that was routed', () => {
    const returns = new ReturnCorrelator();
    const first = returns.begin();
    const second = returns.begin();
    assert.notEqual(first, second);
    assert.equal(returns.size(), 2);
    assert.equal(returns.settle(first), undefined);
    assert.equal(returns.settle(second), undefined);
    assert.equal(returns.size(), 0);
  });

  it('attributes a return to its publish only, among several in flight to the same exchange and key', () => {
    const returns = new ReturnCorrelator();
    const [a, b, c] = [returns.begin(), returns.begin(), returns.begin()];
    // The broker returns b (its queue is gone) and confirms it at once; a and c are confirmed later, together.
    assert.equal(returns.returned({ [publishIdHeader]: b, other: 1 }, noRoute('svc.retry')), true);
    assert.deepEqual(returns.settle(b), noRoute('svc.retry'));
    assert.equal(returns.settle(a), undefined);
    assert.equal(returns.settle(c), undefined);
  });

  it('reads the id from a Buffer header as well as a string', () => {
    const returns = new ReturnCorrelator();
    const id = returns.begin();
    assert.equal(returns.returned({ [publishIdHeader]: Buffer.from(id) }, noRoute('svc.dlx')), true);
    assert.equal(returns.settle(id)?.exchange, 'svc.dlx');
  });

  it('ignores returns that belong to no outstanding publish: no header, unknown id, already settled, a second return', () => {
    const returns = new ReturnCorrelator();
    const id = returns.begin();
    assert.equal(returns.returned(undefined, noRoute('x')), false);
    assert.equal(returns.returned({}, noRoute('x')), false);
    assert.equal(returns.returned({ [publishIdHeader]: 'nope' }, noRoute('x')), false);
    assert.equal(returns.returned({ [publishIdHeader]: id }, noRoute('first')), true);
    assert.equal(returns.returned({ [publishIdHeader]: id }, noRoute('second')), false, 'the first return is kept');
    assert.equal(returns.settle(id)?.exchange, 'first');
    assert.equal(returns.returned({ [publishIdHeader]: id }, noRoute('late')), false);
    assert.equal(returns.size(), 0);
  });

  it('names the reasons and the exchange of a 404 channel close', () => {
    assert.equal(returnReason(312), 'no-route');
    assert.equal(returnReason(313), 'no-consumers');
    assert.equal(returnReason(999), 'reply-999');
    assert.equal(missingExchange(`Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no exchange 't-1.payer.retry' in vhost '/'"`), 't-1.payer.retry');
    assert.equal(missingExchange(`Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no queue 'q' in vhost '/'"`), undefined);
  });
});
