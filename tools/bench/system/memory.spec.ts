import assert from 'node:assert/strict';
import { memoryOf, residentBytes } from './memory';

describe('residentBytes', () => {
  it('reads the gauge with or without default labels', () => {
    const page = '# HELP x\nprocess_cpu_seconds_total 1\nprocess_resident_memory_bytes{service="order-service"} 123456789\n';
    assert.equal(residentBytes(page), 123456789);
    assert.equal(residentBytes('process_resident_memory_bytes 1.5e+8\n'), 150_000_000);
  });

  it('is undefined when the page has no such gauge', () => {
    assert.equal(residentBytes('process_virtual_memory_bytes 1\n'), undefined);
  });

  it('reads the heap and external gauges beside RSS', () => {
    const page = 'process_resident_memory_bytes 100\nnodejs_heap_size_total_bytes{service="a"} 60\nnodejs_heap_size_used_bytes{service="a"} 40\nnodejs_external_memory_bytes 7\n';
    assert.deepEqual(memoryOf(page), { rssBytes: 100, heapUsedBytes: 40, heapTotalBytes: 60, externalBytes: 7 });
    assert.deepEqual(memoryOf(''), { rssBytes: undefined, heapUsedBytes: undefined, heapTotalBytes: undefined, externalBytes: undefined });
  });
});
