import { t } from '../../i18n/index.ts';

/**
 * Exit status when something is queued for next time: batches a sync could not send, a step it will retry, or a
 * sign-out the server could not be told about yet.
 */
export const EXIT_QUEUED = 3;

/** A failure the CLI reports as one line, with the exit code to use. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(t('cli.seeHelp', { message }), 2);
    this.name = 'UsageError';
  }
}
