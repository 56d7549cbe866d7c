// Entry point of `nx run saga-map:generate` (writes docs/saga-map.md) and `nx run saga-map:check` (`--check`).
import { run } from './saga-map.command';

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
