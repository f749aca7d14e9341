/**
 * Just enough HCL to write what `terraform fmt` would: two-space indents, `=` aligned within a
 * run of one-line attributes (a multi-line attribute stands outside any run), `"${var.x}"`
 * unwrapped to `var.x`.
 */
import { splitPlaceholders } from './fix-facts.js';

export type HclItem =
  | { kind: 'attribute'; name: string; value: string[] }
  | { kind: 'block'; header: string; body: HclItem[] }
  | { kind: 'comment'; lines: string[] }
  | { kind: 'blank' };

export const attribute = (name: string, value: string | string[]): HclItem => ({
  kind: 'attribute',
  name,
  value: typeof value === 'string' ? [value] : value,
});

export const block = (header: string, body: HclItem[]): HclItem => ({ kind: 'block', header, body });

export const comment = (lines: string[]): HclItem => ({ kind: 'comment', lines });

/** Terraform variable names for the placeholders: `BucketName` becomes `bucket_name`. */
export function variableName(placeholder: string): string {
  return placeholder.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\"\n\r\t]|\$\{|%\{|[^ -\uffff]/g, (found) => {
    switch (found) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      // Terraform would interpolate these; doubling the sigil keeps them literal.
      case '${':
        return '$${';
      case '%{':
        return '%%{';
      default:
        return `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** A string expression; the evidence's `${Placeholder}`s become variable references. */
export function hclString(value: string): string {
  const parts = splitPlaceholders(value);
  const [only] = parts;
  if (parts.length === 1 && only?.placeholder) return `var.${variableName(only.text)}`;
  const body = parts
    .map((part) => (part.placeholder ? `\${var.${variableName(part.text)}}` : escapeLiteral(part.text)))
    .join('');
  return `"${body}"`;
}

export function hclList(values: string[]): string[] {
  if (values.length <= 1) return [`[${values.map(hclString).join('')}]`];
  return ['[', ...values.map((value) => `  ${hclString(value)},`), ']'];
}

export function renderHcl(items: HclItem[], indent = ''): string[] {
  const lines: string[] = [];
  let run: { name: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((entry) => entry.name.length));
    for (const entry of run) lines.push(`${indent}${entry.name.padEnd(width)} = ${entry.value}`);
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attribute' && item.value.length === 1) {
      run.push({ name: item.name, value: item.value[0] ?? '' });
      continue;
    }
    flush();
    if (item.kind === 'attribute') {
      const [first, ...rest] = item.value;
      lines.push(`${indent}${item.name} = ${first}`, ...rest.map((line) => `${indent}${line}`));
    } else if (item.kind === 'block') {
      lines.push(`${indent}${item.header} {`, ...renderHcl(item.body, `${indent}  `), `${indent}}`);
    } else if (item.kind === 'comment') {
      lines.push(...item.lines.map((line) => `${indent}# ${line}`.trimEnd()));
    } else lines.push('');
  }
  flush();
  return lines;
}
