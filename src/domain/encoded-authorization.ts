/**
 * EC2's "Encoded authorization failure message" (RunInstances, CreateVolume,
 * CreateNetworkInterface... on the EC2 launch type, in CloudFormation and capacity provider
 * errors): an opaque blob only STS DecodeAuthorizationMessage opens, into the statement that
 * decided and the request's context. Offline the finding says the command that decodes it;
 * live, the decoded JSON is read here (pure) and shown with the finding.
 */
import type { Analysis, DecodedAuthorization, Finding, NotPermission } from './analysis.js';
import { object } from './json-value.js';

export type { DecodedAuthorization, DecodedStatement } from './analysis.js';

/** The blob: base64url, sometimes wrapped by a terminal or a paste; cut short when followed by an ellipsis. */
const ENCODED =
  /Encoded authorization failure message:\s*([A-Za-z0-9_-]{16,}(?:\r?\n[A-Za-z0-9_-]+)*)(\s*(?:\.\.\.|…))?/;

export interface EncodedMessage {
  encoded: string;
  /** The text around it ended in an ellipsis: the blob is not whole and will not decode. */
  truncated: boolean;
}

export function encodedMessageOf(text: string): EncodedMessage | null {
  const match = ENCODED.exec(text);
  if (!match?.[1]) return null;
  return { encoded: match[1].replace(/\s+/g, ''), truncated: Boolean(match[2]) };
}

export function decodeCommand(encoded: string): string {
  return `aws sts decode-authorization-message --encoded-message ${encoded} --query DecodedMessage --output text`;
}

/** Unlike json-value's text, an empty string is kept: a decoded condition value may be "". */
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** DecodedMessage wraps every list as {"items": [...]}. */
const items = (value: unknown): unknown[] => {
  const list = object(value).items;
  return Array.isArray(list) ? list : [];
};
const values = (value: unknown): string[] =>
  items(value)
    .map((item) => text(object(item).value) ?? text(item))
    .filter((item): item is string => item !== null);

export class DecodedMessageError extends Error {}

/** Reads DecodedMessage's JSON text; a text that is not that JSON is an error naming what was expected. */
export function readDecodedMessage(decoded: string): DecodedAuthorization {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch (error) {
    throw new DecodedMessageError(`DecodedMessage is not JSON (${(error as Error).message})`);
  }
  const root = object(parsed);
  if (!('context' in root) && !('allowed' in root)) {
    throw new DecodedMessageError('DecodedMessage has neither "allowed" nor "context"');
  }
  const context = object(root.context);
  const conditions: Record<string, string[]> = {};
  for (const item of items(context.conditions)) {
    const key = text(object(item).key);
    if (key) conditions[key] = values(object(item).values);
  }
  const bare = text(context.action);
  const service = conditions['aws:Service']?.[0];
  const action = bare && !bare.includes(':') && service ? `${service}:${bare}` : bare;
  return {
    allowed: typeof root.allowed === 'boolean' ? root.allowed : null,
    explicitDeny: typeof root.explicitDeny === 'boolean' ? root.explicitDeny : null,
    matchedStatements: items(root.matchedStatements).map((item) => {
      const statement = object(item);
      return {
        statementId: text(statement.statementId),
        effect: text(statement.effect),
        actions: values(statement.actions),
        resources: values(statement.resources),
        conditions: items(statement.conditions).map((condition) => JSON.stringify(condition)),
      };
    }),
    failures: items(root.failures).map((failure) => text(failure) ?? JSON.stringify(failure)),
    principalArn: text(object(context.principal).arn),
    action,
    resource: text(context.resource),
    conditions,
  };
}

/** The decoded verdict in a few lines, for a finding's reasons. */
export function decodedReasons(decoded: DecodedAuthorization): string[] {
  const verdict = decoded.explicitDeny
    ? 'an explicit deny decided it'
    : decoded.allowed === false
      ? 'no statement allows it (an implicit deny)'
      : 'allowed';
  const statements = decoded.matchedStatements.map(
    (statement) =>
      `statement ${statement.statementId ?? '(no Sid)'}: ${statement.effect ?? '?'} ${statement.actions.join(', ') || '?'} on ${statement.resources.join(', ') || '?'}${statement.conditions.length ? ` when ${statement.conditions.join(' and ')}` : ''}`,
  );
  const keys = Object.entries(decoded.conditions)
    .filter(([key]) => !/^aws:(Service|Resource|Type|ARN|Account|Region)$/.test(key))
    .map(([key, list]) => `${key}=${list.join('|')}`);
  return [
    `STS decoded EC2's authorization message: ${verdict}${statements.length ? `; ${statements.join('; ')}` : ''}`,
    `the request as IAM saw it: ${decoded.principalArn ?? 'unknown principal'} calling ${decoded.action ?? '?'} on ${decoded.resource ?? '?'}${keys.length ? ` with ${keys.join(', ')}` : ''}`,
  ];
}

/** The reason an encoded message gives before it is decoded. */
export function encodedReason(message: EncodedMessage): string {
  return message.truncated
    ? 'the message carries an encoded authorization failure message, but cut short here: decode the whole one from the original output with `aws sts decode-authorization-message --encoded-message <message>` (needs sts:DecodeAuthorizationMessage)'
    : `the message carries an encoded authorization failure message: \`${decodeCommand(message.encoded)}\` shows the statement that decided and the request's context (needs sts:DecodeAuthorizationMessage)`;
}

function encodedOfFinding(finding: Finding): EncodedMessage | null {
  for (const citation of finding.evidence) {
    const found = encodedMessageOf(citation.raw);
    if (found) return found;
  }
  return null;
}

/** Each finding and look-alike that carries an encoded message says how to decode it. */
export function withDecodeCommands(analysis: Analysis): Analysis {
  const findings = analysis.findings.map((finding) => {
    const encoded = encodedOfFinding(finding);
    return encoded ? { ...finding, reasons: [...finding.reasons, encodedReason(encoded)] } : finding;
  });
  const notPermission = analysis.notPermission.map((item): NotPermission => {
    const encoded = encodedMessageOf(item.message);
    return encoded ? { ...item, likelyCause: `${item.likelyCause}; ${encodedReason(encoded)}` } : item;
  });
  return { ...analysis, findings, notPermission };
}

/** The whole encoded messages of the analysis's findings, each once. */
export function encodedMessagesToDecode(analysis: Analysis): string[] {
  const messages = analysis.findings
    .map(encodedOfFinding)
    .filter((item): item is EncodedMessage => item !== null && !item.truncated)
    .map((item) => item.encoded);
  return [...new Set(messages)];
}

/** The findings with each decoded message in place of its command, and the blanks it fills. */
export function withDecodedMessages(
  analysis: Analysis,
  decoded: Map<string, DecodedAuthorization>,
): Analysis {
  const findings = analysis.findings.map((finding) => {
    const encoded = encodedOfFinding(finding);
    const result = encoded ? decoded.get(encoded.encoded) : undefined;
    if (!encoded || !result) return finding;
    const command = encodedReason(encoded);
    return {
      ...finding,
      action: finding.action ?? result.action,
      resource: finding.resource ?? result.resource,
      principalArn: finding.principalArn ?? result.principalArn,
      explicitDeny: finding.explicitDeny ?? result.explicitDeny,
      decodedAuthorization: result,
      reasons: [...finding.reasons.filter((reason) => reason !== command), ...decodedReasons(result)],
    };
  });
  return { ...analysis, findings };
}
