import assert from 'node:assert/strict';
import { startBoardHarness, type BoardHarness } from '../testing/board-harness';

describe('the board pages (every view a link to share)', function () {
  // The first request for the client bundles it from its sources (tsx mode), which takes a moment.
  this.timeout(30_000);
  let harness: BoardHarness;
  before(async () => (harness = await startBoardHarness({ settings: { deadlineMs: 12_000, jaegerUrl: 'http://jaeger.local:16686/' } })));
  after(async () => harness.close());

  for (const [url, title] of [
    ['/', 'Sagas'],
    ['/sagas/01a2364f-e0a8-7791-aea3-2876ae66d473', 'Saga 01a2364f-e0a8-7791-aea3-2876ae66d473'],
    ['/dead-letters', 'Dead letters'],
    ['/dead-letters/payment-service', 'Dead letters of payment-service'],
    ['/map', 'Saga map'],
  ]) {
    it(`${url} answers the page, titled "${title}", with the built client and the board's settings`, async () => {
      const response = await harness.http.inject({ url });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(response.body, new RegExp(`<title>${title} · Troupe saga board</title>`));
      assert.match(response.body, /<script src="\/assets\/client\.js"><\/script>/);
      assert.match(response.body, /data-deadline-ms="12000" data-admin="true" data-jaeger-url="http:\/\/jaeger\.local:16686\/"/);
    });
  }

  it('escapes what the path carries into the page', async () => {
    const response = await harness.http.inject({ url: `/sagas/${encodeURIComponent('<script>x</script>')}` });
    assert.ok(!response.body.includes('<script>x</script>'));
    assert.match(response.body, /&lt;script&gt;x&lt;\/script&gt;/);
  });

  it('serves the client script and style it was built with: nothing comes from another host', async () => {
    const script = await harness.http.inject({ url: '/assets/client.js' });
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
    assert.ok(script.body.length > 5_000, 'the bundled client');
    assert.ok(script.body.includes('/api/live'), 'it listens to the live stream');
    assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(script.body), 'no URL of another host in the client');
    const style = await harness.http.inject({ url: '/assets/client.css' });
    assert.equal(style.statusCode, 200);
    assert.match(String(style.headers['content-type']), /^text\/css/);
    assert.ok(style.body.includes('.saga-map'));
    assert.ok(!/@import|url\(\s*['"]?https?:/.test(style.body), 'no stylesheet or font fetched from elsewhere');
  });

  it('answers 404 for a path that is no view', async () => {
    assert.equal((await harness.http.inject({ url: '/sagas' })).statusCode, 404);
    assert.equal((await harness.http.inject({ url: '/nowhere' })).statusCode, 404);
  });
});
