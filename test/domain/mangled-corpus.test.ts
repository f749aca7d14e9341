/**
 * Parse the grammar, not the examples: every text case of the corpus, mangled the ways real
 * messages arrive (lower-cased, wrapped mid-word at a terminal's width or by a tool that
 * indents, inside a JSON log field, behind syslog or `aws logs tail` prefixes), must give the
 * same diagnosis as the message as published.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';
import { corpusCases } from '../corpus-cases.js';

const textCases = corpusCases().filter((item) => item.kind !== 'cloudtrail-record');

function chunks(text: string, width: number): string[] {
  return text.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
}

const MANGLES: Record<string, { applies: (raw: string) => boolean; mangle: (raw: string) => string }> = {
  'lower-cased': { applies: () => true, mangle: (raw) => raw.toLowerCase() },
  'wrapped at 80 columns by a terminal': {
    applies: (raw) => !raw.includes('\n') && raw.length > 100,
    mangle: (raw) => chunks(raw, 80).join('\n'),
  },
  'wrapped at 60 and indented by a tool': {
    applies: (raw) => !raw.includes('\n') && raw.length > 100,
    mangle: (raw) =>
      chunks(raw, 60)
        .map((line, index) => (index === 0 ? line : `        ${line}`))
        .join('\n'),
  },
  'inside a JSON log field': {
    applies: () => true,
    mangle: (raw) => JSON.stringify({ log: raw, stream: 'stderr', time: '2026-11-21T10:00:00Z' }),
  },
  'behind a syslog prefix': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `Nov 21 10:00:00 ip-10-0-0-1 app[123]: ${line}`)
        .join('\n'),
  },
  'with literal \\n and \\t escapes in one line': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) => raw.replace(/\n/g, '\\n').replace(/\t/g, '\\t'),
  },
  'wrapped at 120 columns by a terminal': {
    applies: (raw) => !raw.includes('\n') && raw.length > 140,
    mangle: (raw) => chunks(raw, 120).join('\n'),
  },
  ...Object.fromEntries(
    [64, 72, 90, 150, 180].map((width) => [
      `wrapped at ${width} columns, a width no length rule knows`,
      {
        applies: (raw: string) => !raw.includes('\n') && raw.length > width + 5,
        mangle: (raw: string) => chunks(raw, width).join('\n'),
      },
    ]),
  ),
  'with Windows line endings': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) => raw.replace(/\n/g, '\r\n'),
  },
  'JSON inside a JSON log field (FireLens to CloudWatch)': {
    applies: () => true,
    mangle: (raw) => JSON.stringify({ log: JSON.stringify({ level: 'error', msg: raw }), source: 'stderr' }),
  },
  'quoted in a chat or an issue ("> ")': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
  },
  'behind an aws logs tail prefix': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `2026-11-21T10:00:00.000000+00:00 ecs/app/0123456789abcdef0123456789abcdef ${line}`)
        .join('\n'),
  },
};

function diagnosis(finding: Finding | undefined): string {
  if (!finding) return 'no finding';
  const lower = (value: string | null) => (value ?? '').toLowerCase();
  return [
    finding.role,
    finding.step,
    lower(finding.action),
    lower(finding.resource),
    finding.policyType,
    finding.explicitDeny,
  ].join(' | ');
}

async function diagnose(text: string): Promise<string> {
  return diagnosis((await analyzeEvidence(textEvidence(text, 'mangled.txt'), [])).findings[0]);
}

describe('the corpus, mangled as real messages arrive', () => {
  for (const [name, { applies, mangle }] of Object.entries(MANGLES)) {
    it(`${name}: same diagnosis`, async () => {
      const changed: string[] = [];
      for (const item of textCases.filter((c) => applies(String(c.raw)))) {
        const before = await diagnose(String(item.raw));
        const after = await diagnose(mangle(String(item.raw)));
        if (before !== after) changed.push(`${item.id}: ${before}  ->  ${after}`);
      }
      expect(changed).toEqual([]);
    });
  }
});
