// The map the board draws is the saga-map tool's graph of the manifests (the one the docs' Mermaid comes from).
// The one place this app reaches into tools/saga-map (an eslint exception names this file).
export { buildSagaGraph, type SagaGraph } from '../../../../tools/saga-map/src/saga-graph';
