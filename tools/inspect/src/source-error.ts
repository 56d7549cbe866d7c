/** A source of observations (order-view, Jaeger) could not be read: the CLI prints the message and exits 2. */
export class SourceError extends Error {}
