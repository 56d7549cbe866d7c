import assert from 'node:assert/strict';
import { referenceManifests } from '@troupe/order-catalogue';
import { embedInReadme, readmeBegin, readmeEnd, renderReadmeBlock } from './readme-block';

describe('saga map in the README', () => {
  const block = renderReadmeBlock(referenceManifests);

  it('draws the saga (forward and compensation edges) without the read-side projections', () => {
    assert.match(block, /^```mermaid\n/);
    assert.match(block, /order_service -->\|order.created\| inventory_service/);
    assert.match(block, /-\.->\|payment.refunded\| inventory_service/);
    assert.doesNotMatch(block, /order_view/);
  });

  it('replaces only what lies between the markers, and is stable when run twice', () => {
    const readme = `# Title\n\n${readmeBegin}\nold map\n${readmeEnd}\n\nafter\n`;
    const once = embedInReadme(readme, block);
    assert.ok(once.startsWith(`# Title\n\n${readmeBegin}\n${block}\n${readmeEnd}`));
    assert.ok(once.endsWith('\n\nafter\n'));
    assert.equal(embedInReadme(once, block), once);
  });

  it('refuses a README without the markers instead of skipping it', () => {
    assert.throws(() => embedInReadme('# no markers\n', block), /no saga-map block/);
  });
});
