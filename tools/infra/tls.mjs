#!/usr/bin/env node
// `npm run infra -- --tls`: a TLS listener on 5671 for the local rabbitmq-server, with a CA generated here.
// Generates under data/tls/ (openssl): ca.pem/ca.key, server.pem/server.key (SAN localhost, 127.0.0.1, ::1),
// client.pem/client.key. Installs the server's files in /etc/rabbitmq/tls/ (readable by the rabbitmq user),
// writes a marked block into /etc/rabbitmq/rabbitmq.conf (so a broker restart keeps the listener) and starts
// the listener in the running node (`rabbitmqctl eval`), so the shared broker is not restarted; a restart
// happens only when that fails. Idempotent: a second run changes nothing and restarts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import tls from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokerUrlList } from './broker-urls.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const tlsDir = path.join(root, 'data', 'tls');
export const tlsPort = 5671;
const brokerTlsDir = '/etc/rabbitmq/tls';
const brokerConf = '/etc/rabbitmq/rabbitmq.conf';
const begin = '# troupe-tls begin (written by tools/infra/tls.mjs; edit there)';
const end = '# troupe-tls end';
const say = (line) => console.log(`[infra] ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const file = (name) => path.join(tlsDir, name);

/** The files a TLS client uses: CA (verifies the broker), client certificate and key (optional for the broker). */
export const tlsFiles = { ca: file('ca.pem'), cert: file('client.pem'), key: file('client.key') };

function openssl(args, options = {}) {
  return execFileSync('openssl', args, { stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'], ...options }).toString();
}

function ensureOpenssl() {
  if (has('openssl')) return;
  if (existsSync('/etc/debian_version') && process.getuid?.() === 0 && has('apt-get')) {
    say('installing openssl with apt');
    execFileSync('apt-get', ['install', '-y', '-qq', 'openssl'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  throw new Error('--tls needs openssl to generate the CA and certificates; install it (apt-get install openssl)');
}

/** A key and a certificate signed by `signer` (or self-signed when it is the CA), EC P-256: fast to make, small. */
function issue(name, subject, extensions, signer) {
  // Our own minimal openssl config, so the system's defaults (which differ between distributions) play no part.
  const config = file('openssl.cnf');
  writeFileSync(config, ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', 'CN = unused', '[ext]', ...extensions, 'subjectKeyIdentifier = hash', ''].join('\n'));
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file(`${name}.key`), '-subj', subject, '-config', config];
  if (!signer) {
    openssl(['req', '-x509', ...key, '-extensions', 'ext', '-days', '3650', '-out', file(`${name}.pem`)]);
  } else {
    const csr = openssl(['req', '-new', ...key]);
    const serial = `0x${Date.now().toString(16)}${String(name.length).padStart(2, '0')}`;
    openssl(['x509', '-req', '-CA', file(`${signer}.pem`), '-CAkey', file(`${signer}.key`), '-set_serial', serial, '-days', '825', '-extfile', config, '-extensions', 'ext', '-out', file(`${name}.pem`)], { input: csr });
  }
}

function certificatesValid() {
  const names = ['ca.pem', 'ca.key', 'server.pem', 'server.key', 'client.pem', 'client.key'];
  if (!names.every((name) => existsSync(file(name)))) return false;
  for (const cert of ['server.pem', 'client.pem']) {
    const verified = spawnSync('openssl', ['verify', '-CAfile', file('ca.pem'), file(cert)], { stdio: 'ignore' }).status === 0;
    // Still valid in 30 days, so a run does not hand out a certificate about to expire.
    const fresh = spawnSync('openssl', ['x509', '-checkend', String(30 * 86400), '-noout', '-in', file(cert)], { stdio: 'ignore' }).status === 0;
    if (!verified || !fresh) return false;
  }
  return true;
}

/** Generates the CA and the certificates once; keeps them while they verify and have 30 days left. */
export function ensureCertificates() {
  if (certificatesValid()) return false;
  ensureOpenssl();
  mkdirSync(tlsDir, { recursive: true });
  say(`generating a CA, a server and a client certificate in ${path.relative(root, tlsDir)}/ (openssl)`);
  issue('ca', '/CN=Troupe local CA', ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign'], undefined);
  issue('server', '/CN=localhost', ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1', 'authorityKeyIdentifier=keyid'], 'ca');
  issue('client', '/CN=troupe-client', ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=clientAuth', 'authorityKeyIdentifier=keyid'], 'ca');
  return true;
}

/** Copies a file when its content differs; returns whether it changed. Owned by rabbitmq, not world-readable. */
function install(source, target, owner) {
  const content = readFileSync(source);
  if (existsSync(target) && readFileSync(target).equals(content)) return false;
  writeFileSync(target, content, { mode: 0o640 });
  if (owner) chownSync(target, owner.uid, owner.gid);
  return true;
}

function rabbitmqOwner() {
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'rabbitmq'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** The block this script owns inside rabbitmq.conf; anything else in that file is kept as it is. */
function confBlock() {
  return [
    begin,
    `listeners.ssl.default = ${tlsPort}`,
    `ssl_options.cacertfile = ${brokerTlsDir}/ca.pem`,
    `ssl_options.certfile = ${brokerTlsDir}/server.pem`,
    `ssl_options.keyfile = ${brokerTlsDir}/server.key`,
    // verify_peer: a client certificate, when presented, must be signed by the CA. Not required, so a worker
    // given only RABBITMQ_CA_FILE (server identity verified, password login) connects too.
    'ssl_options.verify = verify_peer',
    'ssl_options.fail_if_no_peer_cert = false',
    end,
  ].join('\n');
}

function writeConf() {
  const current = existsSync(brokerConf) ? readFileSync(brokerConf, 'utf8') : '';
  const pattern = new RegExp(`${escape(begin)}[\\s\\S]*?${escape(end)}\\n?`);
  const block = `${confBlock()}\n`;
  const next = pattern.test(current) ? current.replace(pattern, block) : `${current}${current && !current.endsWith('\n') ? '\n' : ''}${block}`;
  if (next === current) return false;
  validateConf(next);
  writeFileSync(brokerConf, next);
  return true;
}

/**
 * Translates the candidate rabbitmq.conf in the running node, as its next boot would, before it is written: a file the
 * broker cannot parse would keep the shared broker down after its next restart.
 */
function validateConf(content) {
  // Next to the real file: the broker (user rabbitmq, maybe with a private /tmp) must be able to read it.
  const candidate = path.join(path.dirname(brokerConf), `.troupe-candidate-${process.pid}.conf`);
  writeFileSync(candidate, content, { mode: 0o644 });
  try {
    const check = ctl(['eval', `case rabbit_prelaunch_conf:generate_config_from_cuttlefish_files(rabbit_prelaunch:get_context(), ["${candidate}"], undefined) of {error, E} -> {invalid, E}; {ok, _} -> valid; L when is_list(L) -> valid end.`]);
    if (!check.ok || !check.out.includes('valid') || check.out.includes('invalid')) {
      throw new Error(`the broker does not accept the TLS settings for ${brokerConf} (${check.out.split('\n').slice(0, 3).join(' ')}); nothing was written`);
    }
  } finally {
    rmSync(candidate, { force: true });
  }
}
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resolves with the TLS handshake's outcome against our CA: 'ok', or the error's code. */
export function probeTls(host = 'localhost', port = tlsPort, ca = readFileSync(tlsFiles.ca)) {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, ca, servername: host, timeout: 3000 }, () => {
      socket.destroy();
      resolve('ok');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error) => resolve(error.code ?? error.message));
  });
}

function ctl(args) {
  const result = spawnSync(ctlPath(), args, { encoding: 'utf8', timeout: 60_000 });
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}
const ctlPath = () => (has('rabbitmqctl') ? 'rabbitmqctl' : ['/usr/sbin/rabbitmqctl', '/usr/lib/rabbitmq/bin/rabbitmqctl'].find((p) => existsSync(p)));

/** Starts the TLS listener in the running node from the options just written: no restart, connections stay. */
function startListenerLive() {
  const options = `[{cacertfile,"${brokerTlsDir}/ca.pem"},{certfile,"${brokerTlsDir}/server.pem"},{keyfile,"${brokerTlsDir}/server.key"},{verify,verify_peer},{fail_if_no_peer_cert,false}]`;
  const expression = [
    `application:set_env(rabbit, ssl_options, ${options}),`,
    `application:set_env(rabbit, ssl_listeners, [${tlsPort}]),`,
    'ssl:clear_pem_cache(),',
    'case [L || L <- rabbit_networking:active_listeners(), element(3, L) =:= amqp_ssl orelse element(3, L) =:= \'amqp/ssl\'] of',
    `  [] -> rabbit_networking:start_ssl_listener(${tlsPort}, rabbit_networking:ensure_ssl(), 10);`,
    '  _ -> already_listening',
    'end.',
  ].join(' ');
  return ctl(['eval', expression]);
}

async function restartBroker() {
  say('restarting the local broker so it reads the TLS listener from rabbitmq.conf (other runs on it see ~10 s of outage)');
  ctl(['stop']);
  const server = has('rabbitmq-server') ? 'rabbitmq-server' : '/usr/sbin/rabbitmq-server';
  execFileSync(server, ['-detached'], { stdio: 'inherit' });
  for (let i = 0; i < 60 && !ctl(['await_startup']).ok; i++) await sleep(1000);
}

async function waitForTls(seconds) {
  let last = '';
  for (let i = 0; i < seconds; i++) {
    last = await probeTls();
    if (last === 'ok') return 'ok';
    await sleep(1000);
  }
  return last;
}

/**
 * Makes the local broker accept TLS on 5671 with the generated CA; returns the settings a worker needs.
 * `baseUrl` is the plain URL the broker answers on (its credentials are kept).
 */
export async function ensureTls(baseUrl = 'amqp://guest:guest@localhost:5672') {
  const nodes = brokerUrlList(baseUrl);
  // The listener is the default local node's (5671); a cluster's nodes would each need their own certificate and port.
  if (nodes.length > 1) throw new Error(`--tls sets up the TLS listener of one local broker; RABBITMQ_URL lists ${nodes.length} nodes: give each node a TLS listener and set RABBITMQ_URL=amqps://…,amqps://… and RABBITMQ_CA_FILE yourself`);
  const base = new URL(nodes[0]);
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(base.hostname) || !ctlPath()) {
    throw new Error(`--tls configures a local rabbitmq-server only (rabbitmqctl on this machine); for ${base.hostname}, give that broker a TLS listener and set RABBITMQ_URL=amqps://… and RABBITMQ_CA_FILE yourself`);
  }
  const generated = ensureCertificates();
  if (process.getuid?.() !== 0) throw new Error('--tls writes /etc/rabbitmq (the broker\'s TLS files and rabbitmq.conf): run it as root');
  mkdirSync(brokerTlsDir, { recursive: true });
  const owner = rabbitmqOwner();
  if (owner) chownSync(brokerTlsDir, owner.uid, owner.gid);
  let filesChanged = false;
  for (const name of ['ca.pem', 'server.pem', 'server.key']) filesChanged = install(file(name), path.join(brokerTlsDir, name), owner) || filesChanged;
  const confChanged = writeConf();
  if (confChanged) say(`wrote the TLS listener into ${brokerConf}`);

  let state = await probeTls();
  if (state === 'ok' && filesChanged) ctl(['eval', 'ssl:clear_pem_cache().']); // new handshakes read the new files
  if (state !== 'ok') {
    say(`starting the TLS listener on :${tlsPort} in the running broker`);
    const live = startListenerLive();
    state = await waitForTls(live.ok ? 10 : 1);
    if (state !== 'ok') {
      if (!live.ok) say(`could not start it live (${live.out.split('\n')[0]})`);
      await restartBroker();
      state = await waitForTls(60);
    }
  }
  if (state !== 'ok') throw new Error(`the broker's TLS listener on localhost:${tlsPort} does not verify with ${path.relative(root, tlsFiles.ca)} (${state}); see the broker log in /var/log/rabbitmq/`);
  if (!generated && !filesChanged && !confChanged) say(`TLS listener on :${tlsPort} already set up (nothing changed)`);

  const url = new URL(baseUrl);
  url.protocol = 'amqps:';
  url.port = String(tlsPort);
  const env = { RABBITMQ_URL: url.toString().replace(/\/$/, ''), RABBITMQ_CA_FILE: tlsFiles.ca, RABBITMQ_CERT_FILE: tlsFiles.cert, RABBITMQ_KEY_FILE: tlsFiles.key };
  return env;
}

/** The lines that tell a user what to export. */
export function describeTlsEnv(env) {
  const shown = { ...env, RABBITMQ_URL: env.RABBITMQ_URL.replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@') };
  return ['TLS ready; a worker uses it with:', ...Object.entries(shown).map(([name, value]) => `  ${name}=${value}`)];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureTls(process.env.RABBITMQ_URL).then(
    (env) => describeTlsEnv(env).forEach((line) => say(line)),
    (error) => {
      console.error(`[infra] ${error.message}`);
      process.exit(1);
    },
  );
}
