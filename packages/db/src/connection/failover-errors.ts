/** SQLSTATEs after which the current server can no longer take our writes. */
const FAILOVER_SQLSTATES = new Set([
  '25006', // read_only_sql_transaction: we are talking to a standby (or a demoted primary)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres says when the connection is gone (errors that carry no code). */
const FAILOVER_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|not queryable/i;

/** True when an error means "this server is gone or not the primary": drop the pool and look again. */
export function isFailoverError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (FAILOVER_SQLSTATES.has(code) || NETWORK_CODES.has(code))) return true;
  const message = String((err as { message?: unknown }).message ?? '');
  return FAILOVER_MESSAGES.test(message);
}

/** No writable primary answered within the wait: the request fails, the process stays up. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}
