// The plugin's entry: Nx reads `generators` in package.json; this file only re-exports the implementations.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: Nx loads it without a TypeScript transpiler */
module.exports = {
  eventGenerator: require('./src/generators/event/generator').eventGenerator,
  workerGenerator: require('./src/generators/worker/generator').workerGenerator,
};
