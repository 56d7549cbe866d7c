import type { EventType } from './event-registry';

/**
 * How a service reacts to one consumed event.
 * - `forward`: a step of the happy path (it may emit a failure event too, e.g. `payment.declined`).
 * - `compensation`: undoes the effect of the forward event named in `undoes` (e.g. a refund undoes `payment.captured`).
 * - `projection`: a read side recording what happened; it never emits and never needs undoing.
 */
export type ReactionKind = 'forward' | 'compensation' | 'projection';

interface ReactionBase {
  /** The consumed event (also the queue `<service>.<event>`). */
  on: EventType;
  /** Every event this reaction may emit; empty when it only changes local state. */
  emits: readonly EventType[];
  /** One line: what the service does and why. */
  why: string;
}

export type Reaction =
  | (ReactionBase & { kind: 'forward' })
  | (ReactionBase & { kind: 'compensation'; /** The forward event whose effect this reaction undoes. */ undoes: EventType })
  | (ReactionBase & { kind: 'projection'; emits: readonly [] });

/** An event a service emits on its own initiative (an HTTP command, a timer), not in reaction to an event. */
export interface Initiation {
  emits: EventType;
  /** What triggers it, e.g. `POST /orders`. */
  trigger: string;
}

/** What one service consumes and emits: the data the saga map, the AsyncAPI document and the contract tests are built from. */
export interface ServiceManifest {
  /** Service name: the envelope `source`, the AMQP `appId` and the queue-name prefix. */
  service: string;
  description: string;
  initiates: readonly Initiation[];
  reactions: readonly Reaction[];
  /** Events this service emits that end a flow: no consumer is required for them (observers may still read them). */
  terminal: readonly EventType[];
  /**
   * Where the service's events come from. `queues` (the default): one quorum queue per consumed event, each
   * delivery acked after its transaction. `archive`: the service reads the event archive (the stream every event
   * is appended to) in order, keeping its read position in its own store within the same transaction as the
   * effects; no queue of its own. Only for a read side: every reaction must be a projection.
   */
  intake?: Intake;
}

export type Intake = 'queues' | 'archive';

/** A manifest's intake, the default filled in. */
export function intakeOf(manifest: ServiceManifest): Intake {
  return manifest.intake ?? 'queues';
}

/** Every event a manifest may emit, initiated or in reaction. */
export function emittedBy(manifest: ServiceManifest): EventType[] {
  const emitted = new Set<EventType>(manifest.initiates.map((initiation) => initiation.emits));
  for (const reaction of manifest.reactions) for (const event of reaction.emits) emitted.add(event);
  return [...emitted];
}

/**
 * Checks a manifest's internal consistency at definition time, so a typo fails at import rather than in the map:
 * one reaction per consumed event, terminal events actually emitted, a service name usable as a queue prefix.
 */
export function defineManifest<const M extends ServiceManifest>(manifest: M): M {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(manifest.service)) problems.push(`service name '${manifest.service}' must be lower-kebab-case`);
  const consumed = new Set<EventType>();
  for (const reaction of manifest.reactions) {
    if (consumed.has(reaction.on)) problems.push(`two reactions to ${reaction.on}: merge them`);
    consumed.add(reaction.on);
    if (reaction.emits.includes(reaction.on)) problems.push(`${reaction.on} re-emits itself`);
    if (reaction.kind === 'projection' && reaction.emits.length > 0) problems.push(`projection of ${reaction.on} must not emit`);
  }
  if (manifest.intake === 'archive') {
    const emitting = manifest.reactions.filter((reaction) => reaction.kind !== 'projection').map((reaction) => reaction.on);
    if (emitting.length > 0) problems.push(`an archive intake is for projections only, but ${emitting.join(', ')} ${emitting.length === 1 ? 'is not one' : 'are not'}`);
    if (manifest.initiates.length > 0) problems.push('an archive intake is for read sides, which initiate nothing');
  }
  const emitted = new Set(emittedBy(manifest));
  for (const event of manifest.terminal) if (!emitted.has(event)) problems.push(`terminal event ${event} is never emitted`);
  if (problems.length > 0) throw new Error(`manifest ${manifest.service}: ${problems.join('; ')}`);
  return Object.freeze(manifest);
}

/** The event types a service consumes (its reactions' `on`): its queues, bindings and handler map keys. */
export function consumedBy(manifest: ServiceManifest): EventType[] {
  return manifest.reactions.map((reaction) => reaction.on);
}
