import { defaultRatePerSecond, defaultUrl } from './dlq-args';

export const dlqHelp = `usage: troupe dlq <action> --service <name> [--prefix p] [--url amqp://…] [--management-url http://…]

actions:
  list                           count and table of the dead letters (they stay in the DLQ)
  show <messageId>               properties, headers and body of one dead letter
  replay (--id <messageId> | --all) [--rate N/s] [--dry-run]
                                 re-validate with the contracts and put valid letters back on the queue they
                                 failed in (that service only); invalid ones stay, reported
  purge (--id <messageId> | --all) --yes
                                 delete dead letters for good

options:
  --service          the service whose DLQ (<prefix><service>.dlq) to work on (required)
  --prefix           topology name prefix (default '')
  --url              broker URL (default: RABBITMQ_URL, else ${defaultUrl})
  --management-url   management API, e.g. http://localhost:15672: list also counts letters held unacked elsewhere
  --rate             replay messages per second (default ${defaultRatePerSecond})
  --dry-run          replay: report what would be replayed, change nothing
  --json             list: print JSON instead of a table

exit codes: 0 done · 1 done, but letters were left (invalid, misdirected) or the id was not found ·
            2 usage error (incl. purge without --yes) · 3 broker unreachable, DLQ missing or a publish not confirmed`;
