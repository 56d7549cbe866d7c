// `troupe <command> [args]`: finds tools/<command>/src/<command>.command.ts and runs it (see command-module.ts).
import { isCommandModule, type CommandModule } from './command-module';
import { commandFile, commandNames } from './discover-commands';

function load(file: string): CommandModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- commands are found at run time, by file convention
  const loaded: unknown = require(file);
  if (!isCommandModule(loaded)) throw new Error(`${file} must export summary (string) and run(argv) (function)`);
  return loaded;
}

function usage(): string {
  const lines = commandNames().map((name) => `  ${name.padEnd(12)} ${load(commandFile(name)!).summary}`);
  return ['usage: troupe <command> [options]', '', 'commands:', ...lines, '', 'troupe <command> --help (or troupe help <command>) for its options and examples'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined && commandFile(rest[0])) return load(commandFile(rest[0])!).run(['--help']);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const file = commandFile(name);
  if (!file) {
    console.error(`troupe: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return load(file).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
