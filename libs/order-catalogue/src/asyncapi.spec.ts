import assert from 'node:assert/strict';
import { orderCatalogue } from './catalogue';
import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { emittedBy } from '@troupe/contracts';
import { referenceManifests } from './manifests/reference-manifests';
import { asyncApiPath, renderAsyncApi } from '@troupe/contracts/testing';

const committedFile = path.join(__dirname, '..', '..', '..', asyncApiPath);

describe('AsyncAPI document', () => {
  it(`${asyncApiPath} is what \`npx nx run order-catalogue:asyncapi\` generates now (not stale)`, () => {
    assert.equal(readFileSync(committedFile, 'utf8'), renderAsyncApi(orderCatalogue, referenceManifests), 'stale: run npx nx run order-catalogue:asyncapi');
  });

  it('parses with @asyncapi/parser without errors or warnings, with a channel per event and an operation per send/receive', async function () {
    this.timeout(60000);
    const { document, diagnostics } = await new Parser().parse(readFileSync(committedFile, 'utf8'));
    const problems = diagnostics.filter((diagnostic) => diagnostic.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`);
    assert.deepEqual(problems, []);
    assert.ok(document);
    assert.equal(document.channels().length, new Set(orderCatalogue.schemas.map((entry) => entry.type)).size);
    const sends = referenceManifests.reduce((sum, manifest) => sum + emittedBy(manifest).length, 0);
    const receives = referenceManifests.reduce((sum, manifest) => sum + manifest.reactions.length, 0);
    assert.equal(document.operations().filterBySend().length, sends);
    assert.equal(document.operations().filterByReceive().length, receives);
    const captured = document.channels().get('payment.captured');
    assert.equal(captured?.address(), 'payment.captured');
    assert.deepEqual(captured?.messages().all().map((message) => message.id()), ['PaymentCaptured']);
  });

  it('changes when a manifest changes, so the stale check has teeth', () => {
    const [first, ...rest] = referenceManifests;
    const trimmed = { ...first, reactions: first.reactions.slice(1) };
    assert.notEqual(renderAsyncApi(orderCatalogue, [trimmed, ...rest]), renderAsyncApi(orderCatalogue, referenceManifests));
  });
});
