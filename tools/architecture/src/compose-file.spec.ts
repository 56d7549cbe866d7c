import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(workspaceRoot, file), 'utf8');

interface ComposeService {
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[] | string;
  entrypoint?: string[];
  volumes?: string[];
}

/**
 * What the security model (README "With Docker") asks of docker-compose.yml, checked without a Docker engine (none runs here): no default or literal
 * credential, every secret from .env with a loud failure when missing, ports on 127.0.0.1 only, MongoDB with
 * authentication and a user per service database.
 */
describe('docker-compose.yml', () => {
  const text = read('docker-compose.yml');
  const compose = parse(text) as { services: Record<string, ComposeService> };
  const services = compose.services;
  const envExample = read('.env.example');
  const workers = readdirSync(path.join(workspaceRoot, 'apps'))
    .map((dir) => path.join(workspaceRoot, 'apps', dir, 'project.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; targets?: Record<string, unknown> })
    .filter((project) => project.targets?.['serve'])
    .map((project) => project.name)
    .sort();

  it('publishes every port on 127.0.0.1 only', () => {
    const ports = Object.values(services).flatMap((service) => service.ports ?? []);
    assert.ok(ports.length >= 6);
    for (const port of ports) assert.match(port, /^127\.0\.0\.1:\d+:\d+$/, `${port} is published on every interface`);
  });

  it('has no guest and no literal password: every credential is a ${VAR:?…} from .env', () => {
    assert.doesNotMatch(text, /guest:guest|: *"?guest\b/);
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASS|PASSWORD|USER|KEY|TOKEN|SECRET/.test(key)) {
          assert.match(String(value), /^\$\{[A-Z0-9_]+:\?[^}]+\}$/, `${name}.${key} must be \${VAR:?…} so a missing one fails loudly`);
        }
      }
    }
    // No user:password in a URL, no --password with a literal.
    assert.doesNotMatch(text, /:\/\/[^$\s/"]+:[^$\s@"]+@/);
    assert.doesNotMatch(text, /--password\s+(?!"\$\$)/);
  });

  it('names in .env.example every variable it requires', () => {
    const required = [...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((match) => match[1]!);
    assert.ok(required.length > 0);
    for (const variable of new Set(required)) assert.match(envExample, new RegExp(`^${variable}=`, 'm'), `.env.example lacks ${variable}`);
  });

  it('runs MongoDB with authentication and a replica-set keyFile, and initiates the set as root', () => {
    const command = services['mongodb']!.command as string[];
    for (const flag of ['--auth', '--keyFile', '--replSet']) assert.ok(command.includes(flag), `mongod without ${flag}`);
    assert.match(services['mongodb']!.environment!['MONGO_INITDB_ROOT_PASSWORD']!, /^\$\{MONGO_ROOT_PASSWORD:\?/);
    assert.match(JSON.stringify(services['mongodb-init']!.command), /--username/);
  });

  it('creates one MongoDB user per service database, for every worker, each with its password from .env', () => {
    assert.ok(services['mongodb']!.volumes!.some((volume) => volume.startsWith('./tools/infra/compose/mongo-service-users.js:/docker-entrypoint-initdb.d/')));
    const script = read('tools/infra/compose/mongo-service-users.js');
    const listed = [...(/const services = \[([^\]]*)\]/.exec(script)?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((match) => match[1]!).sort();
    assert.deepEqual(listed, workers);
    assert.match(script, /roles: \[\{ role: 'readWrite', db: database \}\]/);
    for (const worker of workers) {
      const variable = `MONGO_PASSWORD_${worker.toUpperCase().replace(/-/g, '_')}`;
      assert.match(services['mongodb']!.environment![variable] ?? '', new RegExp(`^\\$\\{${variable}:\\?`), `mongodb does not pass ${variable}`);
    }
  });

  it('provisions per-service broker users from the manifests with troupe broker provision', () => {
    const command = JSON.stringify(services['rabbitmq-provision']!.command);
    assert.match(command, /broker provision/);
    assert.ok(existsSync(path.join(workspaceRoot, 'tools', 'broker', 'src', 'broker.command.ts')));
  });
});
