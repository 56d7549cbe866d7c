/**
 * How spans name the saga they belong to: the span attribute carrying the saga id (what a person searches a
 * tracing UI by), and the HTTP route parameters that hold it. The worker derives it from its event catalogue
 * (catalogue `ticket` with subject field `ticketId` → attribute `ticket.id`, `:ticketId` anywhere, `:id` under /tickets).
 */
export interface SagaKey {
  /** Span attribute with the saga id, e.g. `ticket.id`. */
  attribute: string;
  /** Route parameter naming the saga anywhere, e.g. `ticketId` for `/x/:ticketId`. */
  routeParam: string;
  /** Collection path whose `:id` parameter is the saga id, e.g. `/tickets`. */
  resourcePath: string;
}

/** Without a catalogue: `saga.id`, `:sagaId`, `/sagas/:id`. */
export const defaultSagaKey: SagaKey = { attribute: 'saga.id', routeParam: 'sagaId', resourcePath: '/sagas' };

/** The saga key of a catalogue named `name` whose events carry the saga id in `subjectField`. */
export function sagaKeyOf(catalogue: { name: string; subjectField: string }): SagaKey {
  return { attribute: `${catalogue.name}.id`, routeParam: catalogue.subjectField, resourcePath: `/${catalogue.name}s` };
}
