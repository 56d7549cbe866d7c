import assert from 'node:assert/strict';
import { formatProgress, progressWriter } from './progress-line';

describe('rebuild progress line', () => {
  it('says how many events were read and projected, how fast, and where', () => {
    assert.equal(formatProgress({ read: 12_000, projected: 5_000, offset: 12_345 }, 4000), 'rebuild: 12,000 events read, 5,000 projected · 3,000 events/s · offset 12,345');
    assert.match(formatProgress({ read: 0, projected: 0, offset: 0 }, 0), /· 0 events\/s ·/);
  });

  it('rewrites one line on a terminal and writes a line per update otherwise', () => {
    const written: string[] = [];
    const fake = (isTTY: boolean) => ({ isTTY, write: (text: string) => written.push(text) }) as unknown as NodeJS.WriteStream;
    progressWriter(fake(true), () => 0)({ read: 1, projected: 1, offset: 0 });
    progressWriter(fake(false), () => 0)({ read: 1, projected: 1, offset: 0 });
    assert.ok(written[0].startsWith('\r\x1b[2K') && !written[0].endsWith('\n'));
    assert.ok(written[1].endsWith('\n') && !written[1].includes('\r'));
  });
});
