import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig, workerConfigFields } from '@troupe/worker';
import { notificationServiceWorker } from './worker';

describe('notification-service worker definition', () => {
  it('is named notification-service and listens on 3005 unless PORT says otherwise', () => {
    assert.equal(notificationServiceWorker.service, 'notification-service');
    assert.equal(loadConfig({}, workerConfigFields(notificationServiceWorker.defaultPort)).PORT, 3005);
    assert.equal(loadConfig({ PORT: '4100' }, workerConfigFields(notificationServiceWorker.defaultPort)).PORT, 4100);
  });

  it('sends no e-mail unless SMTP_URL is set; the relay settings have defaults', () => {
    const config = loadConfig({}, { ...workerConfigFields(3005), ...notificationServiceWorker.config });
    assert.equal(config.SMTP_URL, undefined);
    assert.equal(config.SMTP_RELAY_INTERVAL_MS, 1000);
    assert.equal(config.SMTP_MAX_ATTEMPTS, 10);
    assert.equal(config.SMTP_FROM, 'Troupe <orders@troupe.example>');
    assert.throws(() => loadConfig({ SMTP_URL: 'http://mail.example' }, notificationServiceWorker.config!), /SMTP_URL/);
  });

  it('does not load nodemailer until e-mail is configured (a worker that records notifications in its store would carry it for nothing)', () => {
    // A fresh process: this one may have loaded nodemailer through other specs.
    const probe = `require(${JSON.stringify(path.join(__dirname, 'worker.ts'))}); process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('/node_modules/nodemailer/'))))`;
    const loaded = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', probe], { env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? 'tsconfig.base.json' }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(loaded, 'false');
  });
});
