// Runs once, from /docker-entrypoint-initdb.d, while the mongo image initialises an empty data directory (its
// temporary mongod runs without --replSet and --keyFile, with the root user from MONGO_INITDB_ROOT_* already made).
// One user per service database, named after the service, living in that database and allowed readWrite on it
// only. Passwords come from the environment (docker-compose.yml passes them from .env); none is written here.
// The service list must match the apps with a serve target: tools/architecture/src/compose-file.spec.ts checks it.
const services = [
  'analytics-service',
  'inventory-service',
  'notification-service',
  'order-service',
  'order-view',
  'payment-service',
  'reconciler',
  'saga-board',
  'shipping-service',
];
const prefix = process.env.MONGO_DATABASE_PREFIX || '';
for (const service of services) {
  const variable = `MONGO_PASSWORD_${service.toUpperCase().replace(/-/g, '_')}`;
  const password = process.env[variable];
  if (!password) throw new Error(`${variable} is not set: every service database needs its own password in .env`);
  const database = `${prefix}${service}`;
  db.getSiblingDB(database).createUser({ user: service, pwd: password, roles: [{ role: 'readWrite', db: database }] });
  print(`created MongoDB user ${service} with readWrite on ${database} only`);
}
