import pino, { type Logger } from 'pino';

/** JSON logs on stdout; secrets are redacted wherever they might appear. */
export function createLogger(level: string, role: string): Logger {
  return pino({
    level,
    base: { role, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'password',
        '*.password',
        'token',
        '*.token',
        'key',
        '*.key',
      ],
      censor: '[redacted]',
    },
  });
}
