import type * as MongoDriver from 'mongodb';

let driver: typeof MongoDriver | undefined;

/**
 * The MongoDB driver, loaded on first use: requiring it costs a worker about 20 MiB of resident memory, which a
 * worker on the embedded store (the default) would carry for nothing. Only the MongoDB adapter's code calls this.
 */
export function mongoDriver(): typeof MongoDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  driver ??= require('mongodb') as typeof MongoDriver;
  return driver;
}
