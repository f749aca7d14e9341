/**
 * Block-style YAML for CloudFormation, written by hand: every string double-quoted (ARNs hold
 * `:` and `*`, and an unquoted `no` or `2012-10-17` would not stay a string), keys plain only
 * where they are plain words, `!Sub` for the strings that hold the evidence's placeholders.
 */

/** A string CloudFormation must substitute (`!Sub`): the placeholders become parameters. */
export class Sub {
  constructor(readonly text: string) {}
}

export type YamlNode = string | Sub | YamlNode[] | { [key: string]: YamlNode };

/** JSON's escapes are YAML's too; YAML also wants C1 controls and line separators escaped. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (found) => `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const key = (name: string) => (/^[A-Za-z][A-Za-z0-9]*$/.test(name) ? name : quote(name));

function scalar(node: YamlNode): string | null {
  if (typeof node === 'string') return quote(node);
  if (node instanceof Sub) return `!Sub ${quote(node.text)}`;
  if (Array.isArray(node) && node.length === 0) return '[]';
  if (!Array.isArray(node) && Object.keys(node).length === 0) return '{}';
  return null;
}

/** The lines of a mapping or sequence, each starting with `indent`. */
export function yamlLines(node: YamlNode, indent = ''): string[] {
  if (Array.isArray(node)) {
    return node.flatMap((item) => {
      const inline = scalar(item);
      if (inline !== null) return [`${indent}- ${inline}`];
      const [first = '', ...rest] = yamlLines(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  if (typeof node === 'string' || node instanceof Sub) return [`${indent}${scalar(node)}`];
  return Object.entries(node).flatMap(([name, value]) => {
    const inline = scalar(value);
    if (inline !== null) return [`${indent}${key(name)}: ${inline}`];
    return [`${indent}${key(name)}:`, ...yamlLines(value, `${indent}  `)];
  });
}
