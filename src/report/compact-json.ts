/**
 * JSON that stays valid and short: a value that fits on the line is written on it, a longer
 * one is broken into its members (so a policy statement reads in a few lines at 80 columns).
 */
export function compactJson(value: unknown, width = 76, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) return 'null';
  if (indent.length + flat.length <= width || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${compactJson(item, width, inner)}`).join(',\n')}\n${indent}]`;
  }
  const members = Object.entries(value as Record<string, unknown>).map(
    ([key, member]) =>
      `${inner}${JSON.stringify(key)}: ${compactJson(member, width - key.length - 4, inner)}`,
  );
  return `{\n${members.join(',\n')}\n${indent}}`;
}
