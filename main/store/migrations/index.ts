import { initial } from './001-initial.ts';
import type { Migration } from './types.ts';

/** Every migration in order; each one's version is its position + 1. */
export const migrations: readonly Migration[] = [initial];

export const LATEST_VERSION = migrations.length;
