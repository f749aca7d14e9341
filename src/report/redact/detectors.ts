/**
 * What a redacted report must not show, as patterns over any text: a field's value, a message,
 * or a raw record that is itself JSON (escaped or not). The same detectors find the values to
 * replace and, in tests, the values that leaked.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type SensitiveKind =
  | 'session-token'
  | 'email'
  | 'ipv6'
  | 'ipv4'
  | 'access-key'
  | 'unique-id'
  | 'organization'
  | 'account';

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** The text as it appears. */
  text: string;
  /** The value it stands for: `ip-10-0-1-23` and `10.0.1.23` are one address. */
  value: string;
}

export interface Detector {
  kind: SensitiveKind;
  pattern: RegExp;
  /** The value a match stands for, or null when the match is a look-alike to leave alone. */
  value(match: RegExpMatchArray): string | null;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

const matched = (match: RegExpMatchArray): string => match[0];

/**
 * Applied in this order: a session token or an email may contain anything the later ones look
 * for, and an IPv4-mapped IPv6 address contains an IPv4 one. No token a detector writes is
 * matched by a later one.
 */
export const DETECTORS: readonly Detector[] = [
  {
    // STS session tokens (base64 of a protobuf starting "origin"); they are credentials.
    kind: 'session-token',
    pattern: /(?:IQoJb3JpZ2lu|FwoGZXIvYXdz)[A-Za-z0-9+/=%]{20,}/g,
    value: matched,
  },
  {
    // Role session names are often the person's email address.
    kind: 'email',
    pattern:
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g,
    value: (match) => match[0].toLowerCase(),
  },
  {
    // Broad candidates, kept only if Node parses them as IPv6 (and see canonicalIPv6), so
    // that clock times (10:05:33), MACs, `arn:aws:s3:::` and `A::B` are not taken.
    kind: 'ipv6',
    pattern:
      /(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?(?![0-9A-Za-z:])/g,
    value: (match) => canonicalIPv6(match[0]),
  },
  {
    // EC2 private DNS names spell the address with dashes.
    kind: 'ipv4',
    pattern: new RegExp(`(?<![A-Za-z0-9-])ip-(${OCTET})-(${OCTET})-(${OCTET})-(${OCTET})(?![0-9])`, 'g'),
    value: (match) => match.slice(1, 5).join('.'),
  },
  {
    // Not after a letter, `.` or `word/`: `v1.2.3.4`, `Chrome/142.0.0.0` and the tail of a longer
    // dotted number are versions; `//` (a URL) still counts.
    kind: 'ipv4',
    pattern: new RegExp(
      `(?<![0-9A-Za-z._-]|[0-9A-Za-z_.-]/)${OCTET}(?:\\.${OCTET}){3}(?![0-9A-Za-z]|\\.\\d)`,
      'g',
    ),
    value: (match) => (isIPv4(match[0]) ? match[0] : null),
  },
  {
    // AKIA (long-term) and ASIA (temporary) access key ids.
    kind: 'access-key',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    value: matched,
  },
  {
    // IAM unique ids (role, user, group, policy, instance profile...): they name one account's
    // entity as surely as its ARN does.
    kind: 'unique-id',
    pattern:
      /(?<![A-Za-z0-9])(?:AROA|AIDA|AGPA|ANPA|ANVA|AIPA|APKA|ASCA|ACCA|ABIA)[A-Z0-9]{16,17}(?![A-Za-z0-9])/g,
    value: matched,
  },
  {
    kind: 'organization',
    pattern: /(?<![A-Za-z0-9-])o-[a-z0-9]{10,32}(?![A-Za-z0-9])/g,
    value: matched,
  },
  {
    // The console writes an account id in three groups (1234-5678-9012), and people paste it
    // so: the same account as its twelve digits, so the same token. Not inside a UUID or a
    // longer run of groups.
    kind: 'account',
    pattern: /(?<![0-9A-Za-z-])(\d{4})-(\d{4})-(\d{4})(?![0-9A-Za-z]|-\d)/g,
    value: (match) => match.slice(1, 4).join(''),
  },
  {
    // Between any non-alphanumerics (`::`, `.dkr`, `/`, `_CloudTrail`, `-assets-`), but not a
    // run of digits inside a hex id, nor the last group of a UUID (request and event ids).
    kind: 'account',
    pattern:
      /(?<![0-9A-Za-z]|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-)\d{12}(?![0-9A-Za-z])/g,
    value: matched,
  },
];

function canonicalIPv6(text: string): string | null {
  if (!isIPv6(text)) return null;
  // `A::B` (a Ruby or C++ name) parses as IPv6 too; an address has three groups or a long one.
  const groups = text.split(':').filter(Boolean);
  if (groups.length < 3 && !groups.some((group) => group.length >= 3)) return null;
  // The URL parser writes the one canonical form, so `2001:0DB8::1` and `2001:db8::1` are one.
  return new URL(`http://[${text}]/`).hostname;
}

/**
 * Replaces every sensitive value, detector by detector, with what `substitute` returns for it.
 * Redaction and the leak check both go through here, so they cannot disagree on what counts.
 */
export function scan(text: string, substitute: (match: SensitiveMatch) => string): string {
  let result = text;
  for (const detector of DETECTORS) {
    let out = '';
    let from = 0;
    for (const match of result.matchAll(detector.pattern)) {
      const value = detector.value(match);
      if (value === null) continue;
      const at = match.index ?? 0;
      out += result.slice(from, at) + substitute({ kind: detector.kind, text: match[0], value });
      from = at + match[0].length;
    }
    result = out + result.slice(from);
  }
  return result;
}

/** Every sensitive value in the text, in detector order, none found inside an earlier one. */
export function findSensitive(text: string): SensitiveMatch[] {
  const found: SensitiveMatch[] = [];
  scan(text, (match) => {
    found.push(match);
    return 'REDACTED-0';
  });
  return found;
}
