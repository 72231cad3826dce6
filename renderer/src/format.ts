// Formatting of numbers, dates and messages lives in i18n/.

/** The last part of a file path, either separator. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
