/** Every error the application raises on purpose; one table maps codes to HTTP statuses. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  // A thing that does not exist or that the caller may not see: one answer for both (notFound below).
  FINDING_NOT_FOUND: 404,
  NOTE_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  PRODUCT_TYPE_NOT_FOUND: 404,
  ENGAGEMENT_NOT_FOUND: 404,
  TEST_NOT_FOUND: 404,
  RISK_ACCEPTANCE_NOT_FOUND: 404,
  MEMBERSHIP_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  CHAT_MESSAGE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  API_TOKEN_NOT_FOUND: 404,
  TEAM_MEMBER_NOT_FOUND: 404,
  TEAM_INVITATION_NOT_FOUND: 404,
  JIRA_INSTANCE_NOT_FOUND: 404,
  JIRA_CONFIG_NOT_FOUND: 404,
  JIRA_WEBHOOK_NOT_FOUND: 404,
  NOTIFICATION_CHANNEL_NOT_FOUND: 404,
  NOTIFICATION_DEFAULT_NOT_FOUND: 404,
  NOTIFICATION_SUBSCRIPTION_NOT_FOUND: 404,
  FAILED_JOB_NOT_FOUND: 404,
  FINDING_TEMPLATE_NOT_FOUND: 404,
  SLA_CONFIGURATION_NOT_FOUND: 404,
  ARTIFACT_NOT_FOUND: 404,
  REHASH_RUN_NOT_FOUND: 404,
  FEED_POST_NOT_FOUND: 404,
  IMPORT_REQUEST_NOT_FOUND: 404,
  ADVISORY_NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  // Idempotency-Key (docs/api.md "Safe retries").
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENT_REQUEST_COMPLETED: 409,
  IDEMPOTENCY_KEY_MISMATCH: 422,
  COMMIT_OUTCOME_UNKNOWN: 503,
  NOT_READY: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** Seconds, for RATE_LIMITED. */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, details?: unknown, retryAfter?: number) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * The 404 code of each thing a caller names by id;
 * `notFound('Finding', 7)` → FINDING_NOT_FOUND "Finding 7 was not found".
 */
const NOT_FOUND_CODE = {
  Finding: 'FINDING_NOT_FOUND',
  Note: 'NOTE_NOT_FOUND',
  File: 'FILE_NOT_FOUND',
  Product: 'PRODUCT_NOT_FOUND',
  'Product type': 'PRODUCT_TYPE_NOT_FOUND',
  Engagement: 'ENGAGEMENT_NOT_FOUND',
  Test: 'TEST_NOT_FOUND',
  'Risk acceptance': 'RISK_ACCEPTANCE_NOT_FOUND',
  Membership: 'MEMBERSHIP_NOT_FOUND',
  Team: 'TEAM_NOT_FOUND',
  Message: 'CHAT_MESSAGE_NOT_FOUND',
  User: 'USER_NOT_FOUND',
  'API token': 'API_TOKEN_NOT_FOUND',
  'Team member': 'TEAM_MEMBER_NOT_FOUND',
  Invitation: 'TEAM_INVITATION_NOT_FOUND',
  'Jira instance': 'JIRA_INSTANCE_NOT_FOUND',
  'Jira configuration': 'JIRA_CONFIG_NOT_FOUND',
  'Jira webhook': 'JIRA_WEBHOOK_NOT_FOUND',
  Channel: 'NOTIFICATION_CHANNEL_NOT_FOUND',
  'Default subscription': 'NOTIFICATION_DEFAULT_NOT_FOUND',
  Subscription: 'NOTIFICATION_SUBSCRIPTION_NOT_FOUND',
  'Failed job': 'FAILED_JOB_NOT_FOUND',
  'Finding template': 'FINDING_TEMPLATE_NOT_FOUND',
  'SLA configuration': 'SLA_CONFIGURATION_NOT_FOUND',
  Artifact: 'ARTIFACT_NOT_FOUND',
  'Re-hash run': 'REHASH_RUN_NOT_FOUND',
  Post: 'FEED_POST_NOT_FOUND',
  'Import request': 'IMPORT_REQUEST_NOT_FOUND',
  Advisory: 'ADVISORY_NOT_FOUND',
} as const satisfies Record<string, ErrorCode>;

export type Thing = keyof typeof NOT_FOUND_CODE;

/**
 * The answer for a thing that does not exist, and for one the caller may not read (policies throw
 * it too, so both answer alike). The message names the thing and what the caller asked for.
 */
export const notFound = (thing: Thing, id: number | string, message = `${thing} ${id} was not found`) =>
  new AppError(NOT_FOUND_CODE[thing], message);

/** Any not-found answer, generic (`NOT_FOUND`) or specific (`FINDING_NOT_FOUND`, …). */
export const isNotFound = (err: unknown): err is AppError => err instanceof AppError && err.status === 404;
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
