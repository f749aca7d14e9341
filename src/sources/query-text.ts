/**
 * The query texts under queries/ (Athena SQL, CloudTrail Lake SQL, Logs Insights), read at
 * run time so that a reviewer reads and a user copies exactly what whydenied sends.
 */
import { existsSync, readFileSync } from 'node:fs';

/** queries/ sits at the package root: two levels above src/sources, three above dist/src/sources. */
function queriesDir(): URL {
  for (const up of ['../../queries/', '../../../queries/']) {
    const dir = new URL(up, import.meta.url);
    if (existsSync(dir)) return dir;
  }
  throw new Error('the queries/ folder of the whydenied package is missing');
}

/** The file's text without its comment lines (`--` for SQL, `#` for Insights): they explain, Athena need not parse them. */
export function loadQuery(path: string): string {
  const text = readFileSync(new URL(path, queriesDir()), 'utf8');
  return text
    .split('\n')
    .filter((line) => !/^\s*(--|#)/.test(line))
    .join('\n')
    .trim();
}

/** The file as written, comments included: what `whydenied queries` prints for people. */
export function queryFile(path: string): string {
  return readFileSync(new URL(path, queriesDir()), 'utf8');
}

/** Fills `{{name}}` placeholders; a name without a value is a bug in the caller, not in the input. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`query placeholder {{${name}}} has no value`);
    return value;
  });
}
