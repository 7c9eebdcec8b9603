/**
 * JSON-lines logger that scrubs secrets. Every line passes through `redact`, so a Meta access token
 * or app secret can never reach a log, whatever a caller passes in (an error message, a URL, a body).
 * @module
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Logger = {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(opts: {
  level?: LogLevel;
  secrets?: Array<string | undefined>;
  write?: (line: string) => void;
}): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const secrets = (opts.secrets ?? []).filter((s): s is string => !!s && s.length >= 6);
  const write = opts.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const redact = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join('[redacted]'), s);
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, data?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...data }, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
    write(redact(line));
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  };
}
