/**
 * Fitting text into terminal columns: truncation with an ellipsis, padding, and the short
 * forms the list uses for roles and resources.
 */
import type { Finding } from '../../src/domain/analysis.js';
import { resourceAfterAccount } from '../../src/domain/principal.js';

/** Cuts `text` to `width` columns, ending in `…` when something was cut. */
/** `1 finding`, `2 findings`. */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return `${text.slice(0, width - 1)}…`;
}

/** Cuts from the left, keeping the end (the distinctive part of an ARN or a path). */
export function truncateStart(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return `…${text.slice(text.length - width + 1)}`;
}

export function padEnd(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - cut.length));
}

export function padStart(text: string, width: number): string {
  const cut = truncate(text, width);
  return ' '.repeat(Math.max(0, width - cut.length)) + cut;
}

const BADGES: Record<Finding['role'], string> = {
  'execution-role': 'execution',
  'task-role': 'task',
  other: 'other',
};

/** The role badge of a list line: execution, task or other. */
export function roleBadge(role: Finding['role']): string {
  return BADGES[role];
}

const ROLE_HEADINGS: Record<Finding['role'], string> = {
  'execution-role': 'execution role',
  'task-role': 'task role',
  other: 'other principals',
};

export function roleHeading(role: Finding['role']): string {
  return ROLE_HEADINGS[role];
}

/** The resource as people say it: the part of the ARN after the account (`parameter/orders/db`). */
export function shortResource(resource: string | null): string {
  return resource ? resourceAfterAccount(resource) : '';
}
