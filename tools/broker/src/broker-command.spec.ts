import assert from 'node:assert/strict';
import { runBroker, type BrokerIo } from './broker.command';

function capture(): BrokerIo & { out: (line: string) => void; lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) };
}

describe('troupe broker provision --rotate', () => {
  it('refuses a name that is no service or tool before touching the broker, listing the valid names', async () => {
    const io = capture();
    // Port 9 on loopback: had it tried to provision first, this would be exit 1 (management API unreachable).
    const code = await runBroker(['provision', '--rotate', 'nope-service', '--management-url', 'http://guest:guest@127.0.0.1:9'], io);
    assert.equal(code, 2);
    const err = io.lines.err.join('\n');
    assert.match(err, /--rotate names no service or tool: nope-service; one of .*\binventory-service\b.*\bpayment-service\b/);
    assert.match(err, /\bdlq\b.*\bchaos\b|\bchaos\b.*\bdlq\b/);
    assert.match(err, /troupe broker provision \[options\]/);
    assert.deepEqual(io.lines.out, []);
  });
});
