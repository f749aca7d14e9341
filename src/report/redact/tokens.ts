/**
 * Placeholders: readable, clearly fake, numbered by first appearance within one analysis, so
 * the same original is the same token everywhere and two originals never share one. They are
 * uppercase words with a dash so that an ARN stays ARN-shaped (`arn:aws:iam::ACCOUNT-1:role/x`),
 * a Markdown renderer shows them as written (no `<...>`), and no detector matches them again.
 */
import type { SensitiveKind, SensitiveMatch } from './detectors.js';

export class RedactionMap {
  private readonly tokens = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  /** The token for this original, allocating the next number of its label on first sight. */
  tokenFor(match: Pick<SensitiveMatch, 'kind' | 'value'>): string {
    const key = keyOf(match.kind, match.value);
    const known = this.tokens.get(key);
    if (known !== undefined) return known;
    const label = labelOf(match.kind, match.value);
    const number = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, number);
    const token = label === 'o-ORG' ? `o-ORG-${number}` : `${label}-${number}`;
    this.tokens.set(key, token);
    return token;
  }

  /** The token already given to an original, if any (for tests and a legend). */
  lookup(kind: SensitiveKind, value: string): string | undefined {
    return this.tokens.get(keyOf(kind, value));
  }

  get size(): number {
    return this.tokens.size;
  }
}

function keyOf(kind: SensitiveKind, value: string): string {
  return `${kind} ${value}`;
}

/** What the token says about the original, where that helps and identifies nothing. */
function labelOf(kind: SensitiveKind, value: string): string {
  switch (kind) {
    case 'account':
      return 'ACCOUNT';
    // A private address says the call came from inside a VPC: worth keeping.
    case 'ipv4':
      return isPrivateIPv4(value) ? 'PRIVATE-IP' : 'IP';
    case 'ipv6':
      return 'IPV6';
    // AKIA is a user's long-term key, ASIA a session's: worth keeping.
    case 'access-key':
      return `${value.slice(0, 4)}-KEY`;
    // AROA a role, AIDA a user, ...
    case 'unique-id':
      return `${value.slice(0, 4)}-ID`;
    case 'organization':
      return 'o-ORG';
    case 'email':
      return 'EMAIL';
    case 'session-token':
      return 'SESSION-TOKEN';
  }
}

function isPrivateIPv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}
