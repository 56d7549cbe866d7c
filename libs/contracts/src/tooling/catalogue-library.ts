// The catalogue library a contracts tool works on, named by its root on the command line:
//   tsx libs/contracts/src/tooling/<tool>.cli.ts <catalogue-root> [flags]
// The library's src/index.ts exports `catalogue` (defineCatalogue) and `manifests` (every service's manifest).
import path from 'node:path';
import type { EventCatalogue } from '../define-catalogue';
import type { ServiceManifest } from '../manifest';

/** The workspace root: tools run from it (Nx runs commands there). */
export const workspaceRoot = process.cwd();

export function catalogueRootArgument(tool: string): string {
  const root = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!root) {
    console.error(`usage: tsx libs/contracts/src/tooling/${tool}.cli.ts <catalogue-root, e.g. libs/order-catalogue> [flags]`);
    process.exit(2);
  }
  return path.resolve(workspaceRoot, root);
}

export interface CatalogueLibrary {
  root: string;
  catalogue: EventCatalogue;
  manifests: readonly ServiceManifest[];
}

export function openCatalogueLibrary(tool: string): CatalogueLibrary {
  const root = catalogueRootArgument(tool);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the library is named at run time
  const library = require(path.join(root, 'src', 'index.ts')) as Partial<CatalogueLibrary>;
  if (!library.catalogue || !library.manifests) {
    console.error(`${path.relative(workspaceRoot, root)}/src/index.ts must export \`catalogue\` and \`manifests\``);
    process.exit(2);
  }
  return { root, catalogue: library.catalogue, manifests: library.manifests };
}
