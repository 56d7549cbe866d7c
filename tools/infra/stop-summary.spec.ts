import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { forwardLines, freshExitRecordDir, nxOutputFilter, readExitRecords, runningWorkerPids, stopSummary, writeWorkerRecord } from './stop-summary.mjs';

// How `npm start` ends after Ctrl-C (tools/infra/stop-summary.mjs); start-stop.integration.ts runs the real thing.
describe('npm start: the stop summary', () => {
  const plan = [
    { app: 'order-service', port: 3000, label: 'order-service' },
    { app: 'payment-service', port: 3003, label: 'payment-service' },
    { app: 'payment-service', port: 3103, label: 'payment-service#2' },
  ];
  let dir: string;
  beforeEach(() => (dir = freshExitRecordDir(path.join(mkdtempSync(path.join(tmpdir(), 'troupe-stop-')), 'workers'))));
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('says who stopped gracefully, who exited with a code and who left no record, and exits 0 only when all stopped', () => {
    writeWorkerRecord(dir, 'exit', { app: 'order-service', pid: 11, port: 3000, code: 0 });
    writeWorkerRecord(dir, 'exit', { app: 'payment-service', pid: 12, port: 3003, code: 1 });
    const summary = stopSummary(plan, readExitRecords(dir));
    assert.deepEqual(summary.lines, [
      '[start] stopped: 1 of 3 workers gracefully',
      '  order-service      stopped gracefully',
      '  payment-service    exit code 1 (its last log lines above say why)',
      '  payment-service#2  no exit recorded: killed, or it never started',
    ]);
    assert.equal(summary.exitCode, 1);
  });

  it('exits 0 when every instance stopped gracefully, telling instances apart by port', () => {
    for (const [pid, row] of plan.entries()) writeWorkerRecord(dir, 'exit', { app: row.app, pid, port: row.port, code: 0 });
    const summary = stopSummary(plan, readExitRecords(dir));
    assert.equal(summary.exitCode, 0);
    assert.equal(summary.lines[0], '[start] stopped: 3 of 3 workers gracefully');
  });

  it('lists as running the workers that started and have not exited, and a fresh directory forgets the last start', () => {
    writeWorkerRecord(dir, 'running', { app: 'order-service', pid: 21, port: 3000 });
    writeWorkerRecord(dir, 'running', { app: 'payment-service', pid: 22, port: 3003 });
    writeWorkerRecord(dir, 'exit', { app: 'payment-service', pid: 22, port: 3003, code: 0 });
    assert.deepEqual(runningWorkerPids(dir), [21]);
    freshExitRecordDir(dir);
    assert.deepEqual(runningWorkerPids(dir), []);
    assert.deepEqual(readExitRecords(dir), []);
  });

  it("passes every line until the stop, then only the workers' own lines, coloured prefixes included", () => {
    let stopping = false;
    const keep = nxOutputFilter(['order-service', 'payment-service'], () => stopping);
    const nxLine = ' NX   Running target serve for 9 projects did not complete';
    assert.equal(keep(nxLine), true, 'before the stop Nx speaks freely (its build lines, its errors)');
    stopping = true;
    assert.equal(keep(nxLine), false);
    assert.equal(keep('Tasks stopped before they finished:'), false);
    assert.equal(keep('- order-service:serve'), false);
    assert.equal(keep(''), false);
    assert.equal(keep('order-service: [10:26:48.599] INFO: [order-service] shutting down'), true);
    assert.equal(keep('\u001b[1m\u001b[36mpayment-service:\u001b[39m\u001b[22m [10:26:48.785] INFO: [payment-service] stopped'), true);
  });

  it('forwards whole lines across chunk boundaries, and the last one without a newline', async () => {
    const source = new PassThrough();
    const written: string[] = [];
    const target = { write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream;
    forwardLines(source, target, (line: string) => !line.startsWith('drop'));
    source.write('order-service: one\norder-');
    source.write('service: two\ndrop this\nlast');
    source.end();
    await new Promise((resolve) => source.on('end', resolve));
    assert.deepEqual(written, ['order-service: one\n', 'order-service: two\n', 'last\n']);
  });
});
