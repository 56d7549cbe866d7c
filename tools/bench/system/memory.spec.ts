import assert from 'node:assert/strict';
import { residentBytes } from './memory';

describe('residentBytes', () => {
  it('reads the gauge with or without default labels', () => {
    const page = '# HELP x\nprocess_cpu_seconds_total 1\nprocess_resident_memory_bytes{service="order-service"} 123456789\n';
    assert.equal(residentBytes(page), 123456789);
    assert.equal(residentBytes('process_resident_memory_bytes 1.5e+8\n'), 150_000_000);
  });

  it('is undefined when the page has no such gauge', () => {
    assert.equal(residentBytes('process_virtual_memory_bytes 1\n'), undefined);
  });
});
