import assert from 'node:assert/strict';
import { workspaceTextFiles } from './workspace-files';

// No credential in source (README "Security model"). Every file git tracks (or would track: untracked, not ignored) is scanned for
// what looks like a credential; test fixtures and docs are excepted (they show placeholders and throwaway values).
// Generated passwords live in data/secrets/ (gitignored), and the worker reads them from there.

const excepted = [
  /\.md$/,
  /^docs\//,
  /\.(spec|integration|e2e)\.ts$/,
  /(^|\/)(testing|test-support|test-fixtures|lint-fixtures)(\/|\.ts$)/,
  /(^|\/)package-lock\.json$/,
];

/** Passwords in URLs that are not secrets: RabbitMQ's local default, placeholders, interpolations, masks. */
const harmlessPassword = /^(guest|pass|password|\*+|…|\.\.\.|<[^>]*>?|\$.*|change-me.*)$/i;

interface Finding {
  file: string;
  line: number;
  rule: string;
}

const rules: { name: string; pattern: RegExp; keep?: (match: RegExpExecArray) => boolean }[] = [
  {
    name: 'URL with a password',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/([^/\s:@'"`]+):([^@\s'"`/]+)@/gi,
    keep: (match) => !harmlessPassword.test(decodeURIComponent(match[2]!)),
  },
  { name: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/g },
  { name: 'AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/g },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { name: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  {
    name: 'hard-coded secret',
    pattern: /\b(password|passwd|secret|api[_-]?key|token)['"]?\s*[:=]\s*['"]([A-Za-z0-9+/_=-]{20,})['"]/gi,
    keep: (match) => /[0-9]/.test(match[2]!) && /[A-Za-z]/.test(match[2]!),
  },
];

function scan(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const match of text.matchAll(rule.pattern)) {
      if (rule.keep && !rule.keep(match as RegExpExecArray)) continue;
      findings.push({ file, line: text.slice(0, match.index).split('\n').length, rule: rule.name });
    }
  }
  return findings;
}

describe('no credential in source', () => {
  it('finds none in the tracked tree (test fixtures and docs excepted)', function () {
    this.timeout(20_000);
    const files = workspaceTextFiles((file) => !excepted.some((pattern) => pattern.test(file)));
    const findings = files.flatMap(({ file, text }) => scan(file, text));
    assert.ok(files.length > 100, `scanned ${files.length} files`);
    assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`), []);
  });

  it('recognises what it looks for, and lets placeholders and the local default pass', () => {
    const secret = ['s3', 'cr3tPassw0rd'].join('');
    const flagged = [
      `const url = 'amqp://troupe-order-service:${secret}@broker:5672/troupe';`,
      `MONGO_URL=mongodb://app:${secret}@db:27017/`,
      `-----BEGIN ${'RSA '}PRIVATE KEY-----`,
      `aws = '${'AKIA'}ABCDEFGHIJKLMNOP'`,
      `token: '${'ghp_'}${'a'.repeat(36)}'`,
      `password = "${'Zm9vYmFy'}MTIzNDU2Nzg5MGFiY2Rl"`,
    ];
    for (const line of flagged) assert.equal(scan('x.ts', line).length, 1, line);
    const harmless = [
      "default: 'amqp://guest:guest@localhost:5672'",
      'amqp://user:pass@host:5672',
      'mongodb://root:<MONGO_ROOT_PASSWORD>@localhost:27017',
      'http://$$RABBITMQ_USER:$$RABBITMQ_PASSWORD@rabbitmq:15672',
      'amqp://${user}:${password}@${host}',
      'amqp://svc:***@broker:5672/troupe',
      "paymentToken: 'tok_visa_4242'",
    ];
    for (const line of harmless) assert.deepEqual(scan('x.ts', line), [], line);
    assert.ok(excepted.some((pattern) => pattern.test('libs/worker/src/testing/admin-token.ts')));
    assert.ok(excepted.some((pattern) => pattern.test('docs/architecture.md')));
    assert.ok(!excepted.some((pattern) => pattern.test('libs/worker/src/config/worker-config.ts')));
  });
});
