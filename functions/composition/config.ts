import { z } from 'zod';
import { defaultTableName } from '../adapters/dynamodb/table-definition.js';

const LogLevel = z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO');

/** Environment of the Lambda functions, checked once at cold start. */
export const AwsConfig = z.object({
  BATON_TABLE: z.string().min(3).default(defaultTableName),
  LOG_LEVEL: LogLevel,
});

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true');

/** Environment of the local runtime (`npm start`). */
export const LocalConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  BATON_DATA_DIR: z.string().min(1).default('.baton-data'),
  BATON_MEMORY: flag,
  BATON_TABLE: z.string().min(3).default(defaultTableName),
  LOG_LEVEL: LogLevel,
});

export function parseConfig<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
