import { defaultRatePerSecond, defaultUrl } from './dlq-args';
import { dlqServices } from './known-services';

export const dlqHelp = `usage: troupe dlq <action> [--service <name>] [--prefix p] [--url amqp://…] [--management-url http://…]

actions:
  list                           without --service: one row per service (count, oldest, top reasons);
                                 with --service: count and table of that DLQ's letters (they stay in the DLQ)
  show <messageId>               properties, headers and body of one dead letter
  replay (--id <messageId> | --all) [--rate N/s] [--dry-run]
                                 re-validate with the contracts and put valid letters back on the queue they
                                 failed in (that service only); invalid ones stay, reported
  purge (--id <messageId> | --all) --yes
                                 delete dead letters for good

options:
  --service          the service whose DLQ (<prefix><service>.dlq) to work on (required but for list), one of:
                     ${dlqServices().join(', ')}
  --prefix           topology name prefix (default '')
  --url              broker URL (default: RABBITMQ_URL, else the dlq user npm start provisioned (data/secrets/dlq.env), else ${defaultUrl})
  --management-url   management API, e.g. http://localhost:15672: list also counts letters held unacked elsewhere
  --rate             replay messages per second (default ${defaultRatePerSecond})
  --dry-run          replay: report what would be replayed, change nothing
  --json             list: print JSON instead of a table
  -h, --help         this text

examples:
  troupe dlq list                                          # every service's DLQ at a glance
  troupe dlq list --service payment-service                # that DLQ's letters, with their errors
  troupe dlq show <messageId> --service payment-service
  troupe dlq replay --all --rate 20/s --dry-run --service payment-service
  troupe dlq purge --id <messageId> --yes --service payment-service

exit codes: 0 done · 1 done, but letters were left (invalid, misdirected) or the id was not found ·
            2 usage error (incl. an unknown service, purge without --yes) · 3 broker unreachable, DLQ missing or a publish not confirmed`;
