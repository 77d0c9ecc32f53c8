import { Logger } from '@aws-lambda-powertools/logger';

export function createLogger(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT', serviceName = 'baton'): Logger {
  return new Logger({ serviceName, logLevel: level });
}
