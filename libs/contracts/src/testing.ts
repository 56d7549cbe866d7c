// For tests, of this library and of every catalogue library: a throw-away catalogue, and the tooling's pure
// functions, so a catalogue's own specs prove its generated files, lock and AsyncAPI document are current.
export { temporaryCatalogue } from './testing/temporary-catalogue';
export type { TemporaryCatalogue } from './testing/temporary-catalogue';
export { renderTypes, generatedDirectory, typeNameOf } from './tooling/render-types';
export { renderAsyncApi, asyncApiPath } from './asyncapi/render-asyncapi';
export { breakingChanges } from './compat/breaking-changes';
export { checkAgainstLock, readSchemaLock, schemaLockFileOf } from './compat/schema-lock';
