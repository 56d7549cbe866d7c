// Shared mocha settings: TypeScript runs through tsx (honours tsconfig paths), so no build step is needed to test.
module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  timeout: 20000,
  exit: true,
};
