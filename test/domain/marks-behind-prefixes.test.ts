import { describe, expect, it } from 'vitest';
import { textEvidence } from '../../src/sources/files/text-input.js';
import { publishedCase as published } from '../pasted-message.js';

const PREFIXES: Record<string, (line: string) => string> = {
  syslog: (line) => `Nov 21 10:00:00 ip-10-0-0-1 app[123]: ${line}`,
  'aws logs tail': (line) =>
    `2026-11-21T10:00:00.000000+00:00 ecs/app/0123456789abcdef0123456789abcdef ${line}`,
};
const messages = (text: string) => textEvidence(text, 'pasted.log').map((item) => item.message);

describe('marks at the start of lines behind a log prefix', () => {
  for (const [name, prefix] of Object.entries(PREFIXES)) {
    it.each([
      // fluxcd/kustomize-controller#673 (r-17): a console table's '| ' on the lines of the KMS error.
      'r-17',
      // hashicorp/terraform-provider-aws#43891 (eb-19): Terraform's box.
      'eb-19',
      // functionalone/serverless-iam-roles-per-function#106 (ee-13): a quote's '> '.
      'ee-13',
      // aws/aws-lambda-dotnet#853 (ee-33): a table's '| '.
      'ee-33',
    ])(`%s behind a ${name} prefix: the same messages`, (id) => {
      const raw = published(id);
      expect(messages(raw.split('\n').map(prefix).join('\n'))).toEqual(messages(raw));
    });
  }

  // SWO-GS/auto-tag#19 (x-34): Lambda's "<time>\t<request id>\t…" shipped through syslog.
  it("x-34 behind a syslog prefix: Lambda's own time is the line's, its request id opens the message", () => {
    const [first] = textEvidence(
      published('x-34')
        .split('\n')
        .map(PREFIXES.syslog ?? String)
        .join('\n'),
      'x.log',
    );
    expect(first?.time).toBe('2017-06-02T17:40:35.538Z');
    expect(first?.message.startsWith('6cca367d-47ba-11e7-81aa-e3668cf6c658')).toBe(true);
  });

  // hashicorp/terraform-provider-aws#8720 (s-20): Terraform's box quoted in an issue ('> │').
  it("s-20 quoted: the box's blank lines keep its diagnostic whole", () => {
    const raw = published('s-20');
    expect(
      messages(
        raw
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n'),
      ),
    ).toEqual(messages(raw));
  });
});
