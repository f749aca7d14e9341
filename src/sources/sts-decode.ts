/**
 * Live mode opens EC2's encoded authorization failure messages with STS
 * DecodeAuthorizationMessage (a read: it changes nothing, and needs
 * sts:DecodeAuthorizationMessage). A message STS will not decode keeps its command in the
 * finding, and the problem says which permission would open it. Decoding comes after the
 * analysis is whole, so even a problem that would end a source's read (no credentials) is a
 * warning here, not the end of the run.
 */
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients.js';
import { type AwsProblem, attempt, type ProblemContext, partialLine, warningOf } from '../aws/errors.js';
import type { Analysis } from '../domain/analysis.js';
import {
  type DecodedAuthorization,
  DecodedMessageError,
  encodedMessagesToDecode,
  readDecodedMessage,
  withDecodedMessages,
} from '../domain/encoded-authorization.js';

/** A run decodes at most this many: each is one call, and a storm of one failure repeats one message. */
const MAX_DECODES = 10;

export async function decodeAuthorizationMessages(
  analysis: Analysis,
  clients: Pick<AwsClients, 'other'>,
  context: ProblemContext = {},
): Promise<{ analysis: Analysis; problems: AwsProblem[] }> {
  const messages = encodedMessagesToDecode(analysis).slice(0, MAX_DECODES);
  if (messages.length === 0) return { analysis, problems: [] };
  // STS is global; its regional endpoints answer the same, so the run's region serves.
  const sts = clients.other('sts', null, (config) => new STSClient(config));
  const decoded = new Map<string, DecodedAuthorization>();
  const problems: AwsProblem[] = [];
  for (const encoded of messages) {
    const outcome = await attempt(
      { service: 'STS', operation: 'DecodeAuthorizationMessage' },
      () => sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })),
      context,
    );
    if (!outcome.ok) {
      problems.push(outcome.problem);
      // Denied once is denied for all, and credentials or a region missing fail every call alike:
      // the others would only repeat it. Kept, not thrown: the analysis is whole, decoded or not.
      if (outcome.problem.kind === 'access-denied' || outcome.problem.fatal) break;
      continue;
    }
    try {
      decoded.set(encoded, readDecodedMessage(outcome.value.DecodedMessage ?? ''));
    } catch (error) {
      if (!(error instanceof DecodedMessageError)) throw error;
      problems.push({
        kind: 'other',
        origin: 'api:STS.DecodeAuthorizationMessage',
        message: error.message,
        tryThis: 'Run the command the finding shows and read DecodedMessage yourself.',
        permission: null,
        fatal: false,
      });
    }
  }
  return { analysis: withDecodedMessages(analysis, decoded), problems };
}

/**
 * The same for a live run, on the run's clients: the problems become the analysis's warnings
 * and the run's partial lines.
 */
export async function decodedLive(
  analysis: Analysis,
  clients: Pick<AwsClients, 'other'>,
  context: ProblemContext,
): Promise<{ analysis: Analysis; partial: string[] }> {
  if (encodedMessagesToDecode(analysis).length === 0) return { analysis, partial: [] };
  const result = await decodeAuthorizationMessages(analysis, clients, context);
  const warnings = result.problems.map(warningOf);
  return {
    analysis: { ...result.analysis, warnings: [...result.analysis.warnings, ...warnings] },
    partial: warnings.map(partialLine),
  };
}
