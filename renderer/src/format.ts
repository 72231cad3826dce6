// Formatting lives in i18n/; these names stay for the modules that still use them.
import { formatDateTime, formatNumber, formatRelative } from '../../i18n/index.ts';

export { formatRelative };
export const formatTime = formatDateTime;
export const formatCount = formatNumber;

/** "1 contact", "2,345 contacts". Being replaced by ICU plurals in the catalog. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** The last part of a file path, either separator. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
