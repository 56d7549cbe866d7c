/**
 * The payload types of the events a program knows, filled in by its event catalogue through declaration merging:
 * a catalogue library's generated event map ends with
 *
 *   declare module '@troupe/contracts' { interface EventRegistry extends CatalogueEventMap {} }
 *
 * so every generic API here (`EventOf`, handler maps, `emit`) is typed by the catalogue a program imports, while
 * this library names no event of its own. With no catalogue registered, any event type and payload is accepted.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface EventRegistry {}

/** Event type → payload of its latest version: the registered catalogue's, or any when none is registered. */
export type EventMap = keyof EventRegistry extends never ? { [type: string]: { [field: string]: unknown } } : EventRegistry;

/** Every event type (= routing key) of the registered catalogue; `string` when none is registered. */
export type EventType = keyof EventMap & string;
