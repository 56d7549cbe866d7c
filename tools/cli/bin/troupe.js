#!/usr/bin/env node
// Launcher for `npx troupe …`: runs the TypeScript CLI in-process through tsx (no build step). The workspace tsconfig
// is named explicitly so the @troupe/* path aliases resolve whatever directory troupe is started from.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS launcher: it must run before tsx is loaded */
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
process.env.TSX_TSCONFIG_PATH ??= path.join(workspaceRoot, 'tsconfig.json');
require('tsx/cjs');
require('../src/main.ts');
