// The apps `npm start` runs, read from their project.json so a new worker needs no registration here.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @returns {{ name: string, port: number }[]} every app with a serve target, in port order. */
export function servedApps() {
  const appsDir = path.join(workspaceRoot, 'apps');
  return readdirSync(appsDir)
    .map((dir) => path.join(appsDir, dir, 'project.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')))
    .filter((project) => project.targets?.serve)
    .map((project) => ({ name: project.name, port: Number(project.targets.serve.metadata?.port) }))
    .sort((a, b) => a.port - b.port);
}
