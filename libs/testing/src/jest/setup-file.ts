import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';

/**
 * Quiet logs in tests: many tests provoke errors on purpose. `TEST_LOG=debug` (or a comma
 * list of Nest log levels) shows them again when a failure needs the story.
 */
const levels: Record<string, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
};
const requested = process.env.TEST_LOG ?? 'quiet';
Logger.overrideLogger(
  levels[requested] ?? (requested === 'quiet' ? ['fatal'] : (requested.split(',') as LogLevel[])),
);
