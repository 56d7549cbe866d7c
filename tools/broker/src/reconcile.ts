import type { DesiredState, DesiredUser } from './desired-state';
import type { LivePermission, LiveTopicPermission, LiveUser, ManagementApi } from './management-api';
import { newPassword, passwordMatches } from './password-hash';
import { readSecret, secretUrl, writeSecret } from './secrets';

export type ChangeAction = 'created' | 'updated' | 'removed' | 'unchanged';

/** One object provisioning looked at, and what happened to it (or, for `check`, what would have to). */
export interface Change {
  object: string;
  action: ChangeAction;
  detail?: string;
}

export interface ReconcileOptions {
  api: ManagementApi;
  desired: DesiredState;
  /** Where `<who>.env` files live (data/secrets). */
  secretsDir: string;
  /** `amqp://host:port` the secrets' URLs point at. */
  amqpBase: string;
  /** Give these services or tools a new password. */
  rotate?: ReadonlySet<string>;
  /** false: only compare (check); nothing on the broker or on disk changes. */
  apply: boolean;
}

const samePermission = (live: LivePermission | undefined, want: DesiredUser['permissions']) =>
  live !== undefined && live.configure === want.configure && live.write === want.write && live.read === want.read;

const show = (permission: { configure: string; write: string; read: string }) =>
  `configure ${permission.configure}  write ${permission.write}  read ${permission.read}`;

/**
 * Makes the broker's vhost match the desired state (apply) or lists how it differs (check). Idempotent: a second run
 * reports everything unchanged. Existing passwords are kept (read from the secrets files and checked against the
 * broker's hash) unless rotated. Any permission on the vhost that the desired state does not name (guest's, a removed
 * service's) is removed.
 */
export async function reconcile(options: ReconcileOptions): Promise<Change[]> {
  const { api, desired, apply } = options;
  const { vhost } = desired;
  const changes: Change[] = [];
  const note = (object: string, action: ChangeAction, detail?: string) => changes.push({ object, action, ...(detail ? { detail } : {}) });

  const vhostExists = await api.vhostExists(vhost);
  if (!vhostExists) {
    note(`vhost ${vhost}`, 'created');
    if (!apply) {
      for (const user of desired.users) note(`user ${user.user}`, 'created', 'no vhost yet');
      return changes;
    }
    await api.createVhost(vhost);
  } else note(`vhost ${vhost}`, 'unchanged');

  const users = new Map((await api.users()).map((user) => [user.name, user]));
  const permissions = await api.permissions(vhost);
  const topics = await api.topicPermissions(vhost);

  for (const want of desired.users) {
    await reconcileUser(want, users.get(want.user), options, note);
    const live = permissions.find((permission) => permission.user === want.user);
    if (samePermission(live, want.permissions)) note(`permissions ${want.user}@${vhost}`, 'unchanged');
    else {
      note(`permissions ${want.user}@${vhost}`, live ? 'updated' : 'created', live ? `was ${show(live)}` : undefined);
      if (apply) await api.putPermission(vhost, want.user, want.permissions);
    }
    reconcileTopic(want, topics.filter((topic) => topic.user === want.user), vhost, note);
    if (apply) await applyTopic(api, vhost, want, topics.filter((topic) => topic.user === want.user));
  }

  const wanted = new Set(desired.users.map((user) => user.user));
  for (const permission of permissions.filter((entry) => !wanted.has(entry.user))) {
    note(`permissions ${permission.user}@${vhost}`, 'removed', `not derived from any manifest: ${show(permission)}`);
    if (apply) await api.deletePermission(vhost, permission.user);
  }
  for (const user of new Set(topics.filter((entry) => !wanted.has(entry.user)).map((entry) => entry.user))) {
    note(`topic permissions ${user}@${vhost}`, 'removed', 'not derived from any manifest');
    if (apply) await api.deleteTopicPermissions(vhost, user);
  }
  return changes;
}

async function reconcileUser(
  want: DesiredUser,
  live: LiveUser | undefined,
  options: ReconcileOptions,
  note: (object: string, action: ChangeAction, detail?: string) => void,
): Promise<void> {
  const { api, apply, secretsDir, amqpBase, desired } = options;
  const secret = readSecret(secretsDir, want.who);
  const kept = secret && secret.user === want.user ? secret.password : undefined;
  const rotating = options.rotate?.has(want.who) ?? false;
  const tagsMatch = live !== undefined && live.tags.join(',') === [...want.tags].sort().join(',');
  // check without a secrets file (secrets kept elsewhere) does not judge the password; provision sets a new one.
  const passwordOk =
    live !== undefined && (kept === undefined ? !apply : passwordMatches(kept, live.passwordHash, live.hashingAlgorithm));
  const object = `user ${want.user}`;
  let password = kept;
  if (!live || !tagsMatch || !passwordOk || rotating) {
    const why = !live
      ? undefined
      : rotating
        ? 'password rotated'
        : !tagsMatch
          ? `tags ${live.tags.join(',') || '(none)'} → ${want.tags.join(',') || '(none)'}`
          : kept === undefined
            ? `no ${want.who}.env in ${secretsDir}: new password`
            : 'password differs from the secrets file';
    if (rotating || !password) password = newPassword();
    note(object, live ? 'updated' : 'created', why);
    if (apply) await api.putUser(want.user, password, want.tags);
  } else note(object, 'unchanged');
  if (!apply || !password) return;
  const changed = writeSecret(secretsDir, want.who, secretUrl(amqpBase, desired.vhost, want.user, password));
  note(`secrets ${want.who}.env`, changed ? (secret ? 'updated' : 'created') : 'unchanged');
}

function reconcileTopic(want: DesiredUser, live: LiveTopicPermission[], vhost: string, note: (object: string, action: ChangeAction, detail?: string) => void): void {
  const object = `topic permissions ${want.user}@${vhost}`;
  if (topicMatches(want, live)) {
    if (want.topic) note(object, 'unchanged');
    return;
  }
  if (!want.topic) note(object, 'removed', live.map((entry) => `${entry.exchange}: write ${entry.write}`).join('; '));
  else note(object, live.length > 0 ? 'updated' : 'created', `${want.topic.exchange}: write ${want.topic.write}`);
}

function topicMatches(want: DesiredUser, live: LiveTopicPermission[]): boolean {
  if (!want.topic) return live.length === 0;
  return live.length === 1 && live[0]!.exchange === want.topic.exchange && live[0]!.write === want.topic.write && live[0]!.read === want.topic.read;
}

async function applyTopic(api: ManagementApi, vhost: string, want: DesiredUser, live: LiveTopicPermission[]): Promise<void> {
  if (topicMatches(want, live)) return;
  if (live.length > 0) await api.deleteTopicPermissions(vhost, want.user);
  if (want.topic) await api.putTopicPermission(vhost, want.user, want.topic);
}
