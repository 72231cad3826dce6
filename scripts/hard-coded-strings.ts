/**
 * Finds user-visible text written straight into the code instead of taken from the catalog (i18n/). The rules are
 * heuristics on the syntax tree, tuned so that text a person reads is caught and keys, selectors and codes are not:
 * - JSX text with a letter in it;
 * - a string in a user-visible JSX attribute (aria-label, title, placeholder, alt, label) or as a JSX child;
 * - a string in an object property named like text (label, title, message, …);
 * - any string that reads as words: two words with a space between, or a capitalised word.
 * Comparisons, imports, types, property keys, errors meant for developers and selector-like calls are skipped.
 * `node scripts/hard-coded-strings.ts [path…]` lists what it finds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { catalog } from '../i18n/catalog.ts';

export interface Finding {
  file: string;
  line: number;
  text: string;
}

const ROOT = join(import.meta.dirname, '..');

/** Where user-visible text is made: the renderer, the CLI, the demo, and the engine's sentences and labels. */
export const SCANNED = [
  'renderer/src',
  'main/cli',
  'scripts/demo.ts',
  'main/app',
  'main/import',
  'main/phone',
  'main/store',
  'main/sync',
  'main/export',
  'main/sources',
];

/**
 * A text that reads as words but is not shown (a protocol word, a log line, data matched against a file) is marked
 * where it is written: `// i18n-ignore: why` on its line, the line before, or before the statement holding it; or
 * `// i18n-ignore-file: why` once for a whole file.
 */
const IGNORE_LINE = /\/\/\s*i18n-ignore:\s*\S/;
const IGNORE_FILE = /\/\/\s*i18n-ignore-file:\s*\S/;

const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);
const TEXT_PROPERTIES = new Set([
  'label',
  'title',
  'text',
  'message',
  'description',
  'heading',
  'hint',
  'summary',
  'placeholder',
  'ariaLabel',
  'detail',
  'action',
]);
/** Calls whose string arguments are never shown: selectors, media queries, events, storage keys, modules. */
const SILENT_CALLS = new Set([
  'matchMedia',
  'querySelector',
  'querySelectorAll',
  'closest',
  'addEventListener',
  'removeEventListener',
  'getItem',
  'setItem',
  'removeItem',
  'getElementById',
  'prepare',
  'exec',
  'import',
  'require',
  'getPropertyValue',
  'setProperty',
  'getAttribute',
  'setAttribute',
  'removeAttribute',
  'hasAttribute',
  'startsWith',
  'endsWith',
  'includes',
  'split',
  'join',
  'replace',
  'replaceAll',
  'on',
  'once',
  'off',
  'emit',
  'invoke',
  'send',
  'has',
  'get',
  'set',
  'delete',
  't',
]);
/** Errors for developers: a bug, not something a user can act on. */
const DEVELOPER_ERRORS = new Set(['Error', 'TypeError', 'RangeError']);

const WORDS = /\p{L}{2,}[,.;:!?…]?\s+[\p{L}(]{2,}/u;
const CAPITALISED = /^\s*\p{Lu}\p{Ll}+/u;
const LETTER = /\p{L}/u;
/** A list of column or field names: `contact_id, position, key`. */
const IDENTIFIERS = /^[\s(]*[a-z][a-z0-9_]*(\s*,\s*[a-z][a-z0-9_]*)+[\s)]*$/;
/** SQL, recognised by its capitalised keywords: statements and the fragments queries are built from. */
const SQL =
  /(^|[\s(])(SELECT|FROM|WHERE|INSERT|UPDATE|DELETE|CREATE|ALTER|EXISTS|CASE|WHEN|AND|OR|IN|IS|NOT|NULL|AS|LIKE|ESCAPE|LIMIT|JOIN|PRAGMA|DISTINCT)(?=[\s(]|$)/;

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return 'import';
  return undefined;
}

/** Whether a string is never shown, judged by where it stands. */
function silent(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isImportTypeNode(parent)) return true;
    if (ts.isLiteralTypeNode(parent) || ts.isTypeNode(parent)) return true;
    if (ts.isPropertyAssignment(parent) && parent.name === child) return true;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === child) return true;
    if (ts.isCaseClause(parent) && parent.expression === child) return true;
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken ||
        op === ts.SyntaxKind.InKeyword
      )
        return true;
    }
    if (ts.isJsxAttribute(parent)) {
      const name = parent.name.getText();
      return !TEXT_ATTRIBUTES.has(name);
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      const name = calleeName(parent);
      if (name && SILENT_CALLS.has(name)) return true;
      if (ts.isNewExpression(parent) && name && DEVELOPER_ERRORS.has(name)) return true;
      return false;
    }
    if (ts.isTaggedTemplateExpression(parent)) return true;
    // `override name = 'UserError'` or `this.name = 'ApiError'`: a class's name, not a message.
    if (ts.isPropertyDeclaration(parent) && parent.name.getText() === 'name') return true;
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(parent.left) &&
      parent.left.name.text === 'name'
    )
      return true;
    // Past a statement or a function, the string's fate is decided: stop looking up.
    if (ts.isStatement(parent) || ts.isFunctionLike(parent) || ts.isJsxElement(parent)) return false;
  }
  return false;
}

function textOf(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return node.text;
}

function propertyNameOf(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (parent && ts.isPropertyAssignment(parent) && parent.initializer === node) {
    return ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name) ? parent.name.text : undefined;
  }
  return undefined;
}

function inJsxChild(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isJsxAttribute(parent)) return false;
    if (ts.isJsxExpression(parent)) return ts.isJsxElement(parent.parent) || ts.isJsxFragment(parent.parent);
    if (ts.isStatement(parent) || ts.isFunctionLike(parent)) return false;
  }
  return false;
}

/** The hard-coded user-visible strings in one source text. */
export function findHardCoded(fileName: string, source: string): Finding[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  if (IGNORE_FILE.test(source)) return [];
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const lines = source.split('\n');
  const found: Finding[] = [];
  const marked = (at: ts.Node): boolean => {
    const line = sf.getLineAndCharacterOfPosition(at.getStart(sf)).line;
    return IGNORE_LINE.test(lines[line] ?? '') || IGNORE_LINE.test(lines[line - 1] ?? '');
  };
  /** A mark on the string's line, or before the statement it is part of. */
  const ignored = (node: ts.Node): boolean => {
    for (let at: ts.Node | undefined = node; at && !ts.isSourceFile(at); at = at.parent) {
      if (marked(at)) return true;
      if (ts.isStatement(at)) return false;
    }
    return false;
  };
  const report = (node: ts.Node, text: string): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (ignored(node)) return;
    found.push({ file: fileName, line, text: text.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = textOf(node);
      // A message id names catalog text rather than being text.
      if (LETTER.test(text) && !(text in catalog) && !SQL.test(text) && !IDENTIFIERS.test(text) && !silent(node)) {
        const attribute = node.parent && ts.isJsxAttribute(node.parent) ? node.parent : undefined;
        const property = propertyNameOf(node);
        if (
          attribute ||
          (property !== undefined && TEXT_PROPERTIES.has(property)) ||
          inJsxChild(node) ||
          WORDS.test(text) ||
          CAPITALISED.test(text)
        )
          report(node, text);
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((span) => visit(span.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sourcesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every finding under the given paths (relative to the project root). */
export function scan(paths: readonly string[] = SCANNED): Finding[] {
  return paths
    .flatMap((path) => sourcesUnder(join(ROOT, path)))
    .flatMap((file) => findHardCoded(relative(ROOT, file), readFileSync(file, 'utf8')));
}

if (process.argv[1] === import.meta.filename) {
  const findings = scan(process.argv.length > 2 ? process.argv.slice(2) : SCANNED);
  for (const f of findings) console.log(`${f.file}:${f.line}: ${JSON.stringify(f.text)}`);
  console.log(`${findings.length} hard-coded string(s)`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}
