/**
 * The few RabbitMQ management HTTP API calls provisioning needs (vhosts, users, permissions, topic permissions).
 * Credentials come from the management URL's user info (`http://guest:guest@localhost:15672` by default) and are
 * never printed: `describe()` shows the URL without them.
 */
export interface LivePermission {
  user: string;
  vhost: string;
  configure: string;
  write: string;
  read: string;
}

export interface LiveTopicPermission {
  user: string;
  vhost: string;
  exchange: string;
  write: string;
  read: string;
}

export interface LiveUser {
  name: string;
  tags: string[];
  /** base64(salt ‖ hash(salt ‖ password)), with `hashingAlgorithm` (e.g. rabbit_password_hashing_sha256). */
  passwordHash: string;
  hashingAlgorithm: string;
}

export class ManagementError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface ManagementApi {
  describe(): string;
  vhostExists(vhost: string): Promise<boolean>;
  createVhost(vhost: string): Promise<void>;
  deleteVhost(vhost: string): Promise<void>;
  users(): Promise<LiveUser[]>;
  /** Creates or replaces a user (password and tags). */
  putUser(name: string, password: string, tags: string[]): Promise<void>;
  deleteUser(name: string): Promise<void>;
  permissions(vhost: string): Promise<LivePermission[]>;
  putPermission(vhost: string, user: string, permission: { configure: string; write: string; read: string }): Promise<void>;
  deletePermission(vhost: string, user: string): Promise<void>;
  topicPermissions(vhost: string): Promise<LiveTopicPermission[]>;
  putTopicPermission(vhost: string, user: string, permission: { exchange: string; write: string; read: string }): Promise<void>;
  /** Removes every topic permission of `user` on `vhost`. */
  deleteTopicPermissions(vhost: string, user: string): Promise<void>;
}

export function managementApi(managementUrl: string): ManagementApi {
  const parsed = new URL(managementUrl);
  const user = decodeURIComponent(parsed.username || 'guest');
  const password = decodeURIComponent(parsed.password || 'guest');
  parsed.username = '';
  parsed.password = '';
  const base = parsed.toString().replace(/\/$/, '');
  const basic = (name: string, secret: string) => `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;
  const e = encodeURIComponent;

  async function call(method: string, path: string, body?: unknown, allow404 = false): Promise<unknown> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: basic(user, password), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (allow404 && response.status === 404) return undefined;
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      throw new ManagementError(`management API ${method} ${path}: HTTP ${response.status} ${detail}`, response.status);
    }
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  return {
    describe: () => base,
    vhostExists: async (vhost) => (await call('GET', `/api/vhosts/${e(vhost)}`, undefined, true)) !== undefined,
    createVhost: async (vhost) => {
      await call('PUT', `/api/vhosts/${e(vhost)}`, { description: 'Troupe: one least-privilege user per service (npx troupe broker provision)' });
    },
    deleteVhost: async (vhost) => {
      await call('DELETE', `/api/vhosts/${e(vhost)}`, undefined, true);
    },
    users: async () =>
      ((await call('GET', '/api/users')) as { name: string; tags: string | string[]; password_hash?: string; hashing_algorithm?: string }[]).map((entry) => ({
        name: entry.name,
        passwordHash: entry.password_hash ?? '',
        hashingAlgorithm: entry.hashing_algorithm ?? '',
        // 3.10 answers a comma-separated string, later versions an array.
        tags: (Array.isArray(entry.tags) ? entry.tags : entry.tags.split(',')).map((tag) => tag.trim()).filter(Boolean).sort(),
      })),
    putUser: async (name, secret, tags) => {
      await call('PUT', `/api/users/${e(name)}`, { password: secret, tags: tags.join(',') });
    },
    deleteUser: async (name) => {
      await call('DELETE', `/api/users/${e(name)}`, undefined, true);
    },
    permissions: async (vhost) => (await call('GET', `/api/vhosts/${e(vhost)}/permissions`)) as LivePermission[],
    putPermission: async (vhost, name, permission) => {
      await call('PUT', `/api/permissions/${e(vhost)}/${e(name)}`, permission);
    },
    deletePermission: async (vhost, name) => {
      await call('DELETE', `/api/permissions/${e(vhost)}/${e(name)}`, undefined, true);
    },
    topicPermissions: async (vhost) => (await call('GET', `/api/vhosts/${e(vhost)}/topic-permissions`)) as LiveTopicPermission[],
    putTopicPermission: async (vhost, name, permission) => {
      await call('PUT', `/api/topic-permissions/${e(vhost)}/${e(name)}`, permission);
    },
    deleteTopicPermissions: async (vhost, name) => {
      await call('DELETE', `/api/topic-permissions/${e(vhost)}/${e(name)}`, undefined, true);
    },
  };
}
