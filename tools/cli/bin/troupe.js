#!/usr/bin/env node
// Launcher for `npx troupe …`: runs the TypeScript CLI in-process through tsx (no build step). The workspace tsconfig
// is named explicitly so the @troupe/* path aliases resolve whatever directory troupe is started from.
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
process.env.TSX_TSCONFIG_PATH ??= path.join(workspaceRoot, 'tsconfig.json');
require('tsx/cjs');
require('../src/main.ts');
