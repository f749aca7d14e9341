/**
 * The fake's Glue catalog: tables made from their CREATE EXTERNAL TABLE text (the AWS guides'
 * DDL under test/fixtures/athena/, and whydenied's own from `queries athena-ddl`), answered as
 * GetTableMetadata does (shape: aws-cli's awscli/examples/athena/get-table-metadata.rst, with
 * TBLPROPERTIES among the Parameters), and read the way Athena reads them: which objects a
 * query's partition predicates leave to scan, and which columns it may name.
 */
import { readFileSync } from 'node:fs';
import type { Json } from './stores.js';

export interface FakeTable {
  /** `database.table`, lower case. */
  key: string;
  metadata: Json;
  columns: string[];
  partitionKeys: { name: string; type: string }[];
  parameters: Record<string, string>;
}

/** Splits on commas outside <...> and (...). */
function topLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '<' || char === '(') depth += 1;
    if (char === '>' || char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** The text inside the parentheses that open at `from`. */
function group(text: string, from: number): string {
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    if (text[i] === ')') {
      depth -= 1;
      if (depth === 0) return text.slice(from + 1, i);
    }
  }
  throw new Error('unbalanced DDL');
}

function column(definition: string): { name: string; type: string } {
  const match = /^`?(\w+)`?\s+([\s\S]+)$/.exec(definition.trim());
  if (!match) throw new Error(`not a column: ${definition}`);
  return { name: (match[1] ?? '').toLowerCase(), type: (match[2] ?? '').replace(/\s+/g, '').toLowerCase() };
}

export function tableOfDdl(ddl: string, database = 'default'): FakeTable {
  const text = ddl
    .split('\n')
    .filter((line) => !/^\s*--/.test(line))
    .join('\n');
  const head = /CREATE\s+EXTERNAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:(\w+)\.)?`?(\w+)`?\s*\(/i.exec(text);
  if (!head) throw new Error('no CREATE EXTERNAL TABLE');
  const name = (head[2] ?? '').toLowerCase();
  const columns = topLevel(group(text, head.index + head[0].length - 1)).map(column);
  const partitioned = /PARTITIONED\s+BY\s*\(/i.exec(text);
  const partitionKeys = partitioned
    ? topLevel(group(text, partitioned.index + partitioned[0].length - 1)).map(column)
    : [];
  const properties = /TBLPROPERTIES\s*\(/i.exec(text);
  const parameters: Record<string, string> = {};
  if (properties) {
    for (const pair of group(text, properties.index + properties[0].length - 1).matchAll(
      /'([^']+)'\s*=\s*'([^']*)'/g,
    )) {
      parameters[pair[1] ?? ''] = pair[2] ?? '';
    }
  }
  const quoted = (pattern: RegExp) => pattern.exec(text)?.[1] ?? '';
  const metadata = {
    Name: name,
    CreateTime: 1763712000,
    LastAccessTime: 0,
    TableType: 'EXTERNAL_TABLE',
    Columns: columns.map((item) => ({ Name: item.name, Type: item.type })),
    PartitionKeys: partitionKeys.map((item) => ({ Name: item.name, Type: item.type })),
    Parameters: {
      EXTERNAL: 'TRUE',
      inputformat: quoted(/INPUTFORMAT\s+'([^']+)'/i),
      location: quoted(/LOCATION\s+'([^']+)'/i),
      outputformat: quoted(/OUTPUTFORMAT\s+'([^']+)'/i),
      'serde.serialization.lib': quoted(/SERDE\s+'([^']+)'/i),
      transient_lastDdlTime: '1763712000',
      ...parameters,
    },
  };
  return {
    key: `${(head[1] ?? database).toLowerCase()}.${name}`,
    metadata,
    columns: columns.map((item) => item.name),
    partitionKeys,
    parameters,
  };
}

export function fixtureTable(file: string, database = 'default'): FakeTable {
  return tableOfDdl(readFileSync(new URL(`../fixtures/athena/${file}`, import.meta.url), 'utf8'), database);
}

/** The record's partition values as CloudTrail's folders give them (its day, its region, its account). */
function partitionValues(table: FakeTable, record: Json): Record<string, string> {
  const time = String(record.eventTime ?? '');
  const [year = '', month = '', day = ''] = time.slice(0, 10).split('-');
  const values: Record<string, string> = {
    region: String(record.awsRegion ?? ''),
    account: String(record.recipientAccountId ?? ''),
    year,
    month,
    day,
  };
  for (const key of table.partitionKeys) {
    if (table.parameters[`projection.${key.name}.type`] === 'date') {
      const format = table.parameters[`projection.${key.name}.format`] ?? 'yyyy/MM/dd';
      values[key.name] = format.replace('yyyy', year).replace('MM', month).replace('dd', day);
    }
  }
  return values;
}

/** The partitions `"col" >= 'a'`, `"col" <= 'b'` and `"col" = 'v'` of a WHERE clause keep. */
function kept(where: string, values: Record<string, string>, keys: string[]): boolean {
  // Each OR'ed group of equalities (the manual layout's days), or the whole clause.
  const alternatives = [...where.matchAll(/\(([^()]*)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((text) => keys.some((key) => text.includes(`"${key}" =`)));
  const holds = (text: string) =>
    [...text.matchAll(/"(\w+)"\s*(>=|<=|=)\s*'?([\w/-]+)'?/g)].every(([, name = '', op, value = '']) => {
      if (!keys.includes(name)) return true;
      const actual = values[name] ?? '';
      const number = /^\d+$/.test(value) && /^\d+$/.test(actual);
      const [a, b] = number ? [Number(actual), Number(value)] : [actual, value];
      return op === '>=' ? a >= b : op === '<=' ? a <= b : a === b;
    });
  const outside = alternatives.reduce((text, alternative) => text.replace(alternative, ''), where);
  return holds(outside) && (alternatives.length === 0 || alternatives.some(holds));
}

/** The records whose files the query reads: all of them unless its partition predicates narrow it. */
export function scannedRecords(table: FakeTable, query: string, records: Json[]): Json[] {
  const where = /\bWHERE\b([\s\S]*?)(?:\bORDER BY\b|$)/i.exec(query)?.[1] ?? '';
  const keys = table.partitionKeys.map((key) => key.name);
  return records.filter((record) => kept(where, partitionValues(table, record), keys));
}

/** The first quoted identifier the query names that the table lacks, as Athena reports it. */
export function missingColumn(table: FakeTable, query: string): string | null {
  const known = new Set([...table.columns, ...table.partitionKeys.map((key) => key.name)]);
  const lines = query.split('\n');
  for (const [index, line] of lines.entries()) {
    if (/^\s*FROM\b/i.test(line)) continue;
    for (const match of line.matchAll(/"(\w+)"/g)) {
      if (!known.has(match[1] ?? '')) {
        return `COLUMN_NOT_FOUND: line ${index + 1}:${(match.index ?? 0) + 1}: Column '${match[1]}' cannot be resolved or requester is not authorized to access requested resources`;
      }
    }
  }
  return null;
}
