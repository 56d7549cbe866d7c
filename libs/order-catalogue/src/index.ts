export * from './generated/event-map.generated';
export { orderCatalogue, orderCatalogue as catalogue, createEvent, validateEvent, decodeEvent } from './catalogue';
export * from './manifests/reference-manifests';
export { referenceManifests as manifests } from './manifests/reference-manifests';
