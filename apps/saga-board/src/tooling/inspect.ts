// The board compares a saga with the map exactly as `troupe inspect` does, by calling inspect's own code: one
// definition of a departure for the terminal and the browser. The one place this app reaches into tools/inspect
// (an eslint exception names this file).
export { compareTimeline, type Comparison, type HopVerdict, type AbsentStep } from '../../../../tools/inspect/src/compare-timeline';
export { expectedPaths, type ExpectedPath } from '../../../../tools/inspect/src/expected-paths';
export { hopsFromOrderView } from '../../../../tools/inspect/src/order-view-source';
export { visibleEvents } from '../../../../tools/inspect/src/visibility';
export type { Hop } from '../../../../tools/inspect/src/hop';
