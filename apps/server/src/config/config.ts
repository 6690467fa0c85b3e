import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { loadDedupSettings } from './dedup.config.ts';
import type { DedupSettings } from '@vigil/core';
import { ZNotificationEnv, notificationConfig, type NotificationConfig } from './notification.config.ts';
import { ZJobsEnv, jobsConfigFrom, type JobsConfig } from '@vigil/jobs';
import { ZVulndbEnv, vulndbConfig, type VulndbConfig } from './vulndb.config.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ZEnv = z
  .object({
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    VIGIL_REALTIME_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(500),
    VIGIL_REALTIME_REPLAY_MAX: z.coerce.number().int().min(0).max(100_000).default(1000),
    VIGIL_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    VIGIL_HOST: z.string().min(1).default('0.0.0.0'),
    VIGIL_DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    VIGIL_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    DATABASE_REPLICA_URLS: z
      .string()
      .refine(
        (v) =>
          v
            .split(/[\s,]+/)
            .filter(Boolean)
            .every((u) => /^postgres(ql)?:\/\/[^,]+$/.test(u)),
        'must be postgres:// URLs separated by commas or spaces',
      )
      .optional(),
    VIGIL_READ_PRIMARY_WINDOW_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
    VIGIL_READ_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
    VIGIL_READ_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(32),
    VIGIL_DB_FAILOVER_WAIT_SECONDS: z.coerce.number().min(0.1).max(300).default(10),
    VIGIL_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters long').optional(),
    VIGIL_ADMIN_USERNAME: z
      .string()
      .regex(/^[A-Za-z0-9_.@+-]{1,150}$/)
      .default('admin'),
    VIGIL_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    VIGIL_SECRET_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
      .optional(),
    VIGIL_COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
    VIGIL_SESSION_TTL_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(24 * 90)
      .default(12),
    VIGIL_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
    VIGIL_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86400).default(900),
    VIGIL_BODY_LIMIT_MB: z.coerce.number().min(1).max(100).default(10),
    VIGIL_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    VIGIL_HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(20),
    VIGIL_HTTP_BODY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(60),
    VIGIL_HTTP_UPLOAD_TIMEOUT_SECONDS: z.coerce.number().min(1).max(86_400).default(900),
    VIGIL_HTTP_KEEPALIVE_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(72),
    VIGIL_METRICS_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters long')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional(),
    VIGIL_ARTIFACT_DIR: z.string().min(1).optional(),
    VIGIL_IMPORT_MAX_MB: z.coerce.number().min(1).max(10_000).default(200),
    VIGIL_DEDUP_CONFIG: z.string().min(1).optional(),
    VIGIL_MINITWIT_PREFIX: z
      .string()
      .regex(/^(\/[A-Za-z0-9._-]+)+$/, 'must be a path like /api/minitwit (no trailing slash)')
      .refine((p) => !p.startsWith('/api/v1/') && p !== '/api/v1', 'must not be under /api/v1')
      .default('/api/minitwit'),
    VIGIL_MINITWIT_SIMULATOR: z.enum(['on', 'off']).default('off'),
    VIGIL_MINITWIT_SIM_AUTH: z
      .string()
      .regex(/^[^:]+:.+$/, 'must be user:password (a user name without ":", then a password)')
      .optional(),
  })
  .extend(ZJobsEnv.shape)
  .extend(ZNotificationEnv.shape)
  .extend(ZVulndbEnv.shape);

export interface Config {
  /** Notification channels, SMTP, SSRF allow-list (see docs/notifications.md). */
  notifications: NotificationConfig;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Redis for the Socket.IO cross-replica adapter (typing, presence); PostgreSQL is used without it. */
  redisUrl?: string;
  /** Fallback poll of the event log when no NOTIFY arrives (real time). */
  realtimePollMs: number;
  /** Most events replayed to a reconnecting client; beyond it the client is told to resync. */
  realtimeReplayMax: number;
  dbPoolSize: number;
  /** Replicas for lag-tolerant reads (docs/operations.md, "Read routing"). */
  replicaUrls: string[];
  /** After a write, the writer's reads stay on the primary this long. */
  readPrimaryWindowSeconds: number;
  /** How long a request waits for a writable primary during a failover. */
  failoverWaitMs: number;
  /** Read caches (docs/read-cache.md): longest life of an entry (0 = off) and bytes of responses kept. */
  readCache: { ttlMs: number; maxBytes: number };
  adminUsername: string;
  adminPassword?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** 32-byte key that encrypts stored credentials (Jira tokens, webhook secrets). */
  secretKey: Buffer;
  cookieSecure: 'true' | 'false' | 'auto';
  sessionTtlSeconds: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  /** HTTP header, body, multipart-upload and idle keep-alive timeouts in ms (docs/api.md, "Timeouts"). */
  httpTimeouts: { headersMs: number; bodyMs: number; uploadMs: number; keepAliveMs: number };
  /** Bearer credential for the business metrics on /metrics; unset = they are not exposed. */
  metricsToken?: string;
  /** Where original scan reports are kept (default <dataDir>/artifacts). */
  artifactDir: string;
  /** Largest scan report accepted, and the cap on what a compressed one may expand to. */
  importMaxBytes: number;
  /** Per-scan-type identity overrides and cross-tool matching (VIGIL_DEDUP_CONFIG). */
  dedup: DedupSettings;
  /** Where the MiniTwit simulator API is mounted. */
  minitwitPrefix: string;
  /**
   * The simulator's Basic credentials, user:password; set only when the simulator API is on
   * (VIGIL_MINITWIT_SIMULATOR=on).
   */
  minitwitSimulatorAuth?: string;
  /** Worker concurrency, job timeouts, schedules, retention (docs/jobs.md). */
  jobs: JobsConfig;
  /** Vulnerability database sync sources and schedule (docs/vulndb.md). */
  vulndb: VulndbConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration once: the process environment, over a `.env` file in the
 * working directory. Nothing else reads process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const dotenvPath = join(cwd, '.env');
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  const merged = { ...fromFile, ...env };
  const vigilKeys = Object.fromEntries(
    Object.entries(merged).filter(
      ([k, v]) =>
        (k.startsWith('VIGIL_') || k === 'DATABASE_URL' || k === 'DATABASE_REPLICA_URLS' || k === 'REDIS_URL') &&
        v !== '',
    ),
  );
  const parsed = ZEnv.safeParse(vigilKeys);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.VIGIL_MINITWIT_SIMULATOR === 'on' && !e.VIGIL_MINITWIT_SIM_AUTH) {
    throw new ConfigError([
      'VIGIL_MINITWIT_SIM_AUTH: required (user:password) when VIGIL_MINITWIT_SIMULATOR=on; there is no default',
    ]);
  }
  const dedup = loadDedupSettings(e.VIGIL_DEDUP_CONFIG, cwd);
  if ('problems' in dedup) throw new ConfigError(dedup.problems);
  const dataDir = resolve(cwd, e.VIGIL_DATA_DIR);
  return {
    port: e.VIGIL_PORT,
    host: e.VIGIL_HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    realtimePollMs: e.VIGIL_REALTIME_POLL_MS,
    realtimeReplayMax: e.VIGIL_REALTIME_REPLAY_MAX,
    dbPoolSize: e.VIGIL_DB_POOL_SIZE,
    replicaUrls: (e.DATABASE_REPLICA_URLS ?? '').split(/[\s,]+/).filter(Boolean),
    readPrimaryWindowSeconds: e.VIGIL_READ_PRIMARY_WINDOW_SECONDS,
    failoverWaitMs: Math.round(e.VIGIL_DB_FAILOVER_WAIT_SECONDS * 1000),
    readCache: { ttlMs: e.VIGIL_READ_CACHE_TTL_MS, maxBytes: e.VIGIL_READ_CACHE_MB * 1024 * 1024 },
    adminUsername: e.VIGIL_ADMIN_USERNAME,
    adminPassword: e.VIGIL_ADMIN_PASSWORD,
    logLevel: e.VIGIL_LOG_LEVEL,
    secretKey: e.VIGIL_SECRET_KEY ? Buffer.from(e.VIGIL_SECRET_KEY, 'hex') : loadOrCreateSecretKey(dataDir),
    cookieSecure: e.VIGIL_COOKIE_SECURE,
    sessionTtlSeconds: Math.round(e.VIGIL_SESSION_TTL_HOURS * 3600),
    loginMaxFailures: e.VIGIL_LOGIN_MAX_FAILURES,
    loginWindowSeconds: e.VIGIL_LOGIN_WINDOW_SECONDS,
    bodyLimitBytes: Math.round(e.VIGIL_BODY_LIMIT_MB * 1024 * 1024),
    trustProxy: e.VIGIL_TRUST_PROXY === 'true',
    httpTimeouts: {
      headersMs: Math.round(e.VIGIL_HTTP_HEADERS_TIMEOUT_SECONDS * 1000),
      bodyMs: Math.round(e.VIGIL_HTTP_BODY_TIMEOUT_SECONDS * 1000),
      uploadMs: Math.round(e.VIGIL_HTTP_UPLOAD_TIMEOUT_SECONDS * 1000),
      keepAliveMs: Math.round(e.VIGIL_HTTP_KEEPALIVE_TIMEOUT_SECONDS * 1000),
    },
    metricsToken: e.VIGIL_METRICS_TOKEN,
    artifactDir: e.VIGIL_ARTIFACT_DIR ? resolve(cwd, e.VIGIL_ARTIFACT_DIR) : join(dataDir, 'artifacts'),
    importMaxBytes: Math.round(e.VIGIL_IMPORT_MAX_MB * 1024 * 1024),
    dedup: dedup.settings,
    minitwitPrefix: e.VIGIL_MINITWIT_PREFIX,
    minitwitSimulatorAuth: e.VIGIL_MINITWIT_SIMULATOR === 'on' ? e.VIGIL_MINITWIT_SIM_AUTH : undefined,
    jobs: jobsConfigFrom(e),
    notifications: notificationConfig(e),
    vulndb: vulndbConfig(e),
  };
}

/** Without VIGIL_SECRET_KEY, a key is generated once into the data dir (mode 0600). */
function loadOrCreateSecretKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ConfigError([`${file}: must hold 64 hex characters`]);
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}
