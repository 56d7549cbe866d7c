import type { ContractEdge, ServiceManifest } from '@troupe/contracts';

/** Mermaid node ids must be plain words. */
export function nodeId(service: string): string {
  return service.replace(/[^a-zA-Z0-9]/g, '_');
}

/** Forward reactions are solid, compensations dashed, projections (read-only observers) end in a circle. */
function arrow(edge: ContractEdge): string {
  const from = nodeId(edge.producer);
  const to = nodeId(edge.consumer);
  if (edge.kind === 'compensation') return `${from} -.->|${edge.event}| ${to}`;
  if (edge.kind === 'projection') return `${from} --o|${edge.event}| ${to}`;
  return `${from} -->|${edge.event}| ${to}`;
}

/** A flowchart with services as nodes, each initiation as an entry node, and one labelled edge per producer → event → consumer. */
export function renderMermaid(manifests: readonly ServiceManifest[], edges: readonly ContractEdge[]): string {
  const lines = ['flowchart LR'];
  for (const manifest of manifests) lines.push(`  ${nodeId(manifest.service)}["${manifest.service}"]`);
  manifests.forEach((manifest) => {
    manifest.initiates.forEach((initiation, index) => {
      const entry = `${nodeId(manifest.service)}_start_${index}`;
      lines.push(`  ${entry}(["${initiation.trigger.replace(/"/g, "'")}"]) -->|emits ${initiation.emits}| ${nodeId(manifest.service)}`);
    });
  });
  for (const edge of edges) lines.push(`  ${arrow(edge)}`);
  return lines.join('\n');
}
