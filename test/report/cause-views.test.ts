/**
 * A finding's cause in each view: the text report's `cause` line, the Markdown report's Cause
 * and its timeline row for the IAM change, and the TUI's detail.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/pipeline.js';
import { detailLines } from '../../tui/format/detail-lines.js';
import { runCli } from '../run-cli.js';

const NARROWED = 'test/fixtures/cause/narrowed-inline-policy.json';
const ONE_LINE = (text: string) => text.replace(/\n {4,}/g, ' ').replace(/\s+/g, ' ');

describe('the cause in the views', () => {
  it('text: a cause line names the change, who made it and what it removed; the fix says restore', async () => {
    const { stdout } = await runCli(['analyze', NARROWED]);
    const text = ONE_LINE(stdout);
    expect(stdout).toMatch(/^ {4}cause {7}iam-change: PutRolePolicy on role orders-api-task-role/m);
    expect(text).toContain('by arn:aws:iam::111122223333:role/terraform-deployer');
    expect(text).toContain('(removed: dynamodb:GetItem, dynamodb:Get*)');
    expect(text).toContain('restore dynamodb:GetItem (removed by PutRolePolicy at 2026-11-21T10:00:00.000Z');
  });

  it('markdown: the Cause under the finding, and the change on the timeline five minutes before T', async () => {
    const { stdout } = await runCli(['report', NARROWED]);
    expect(stdout).toMatch(
      /^- Cause: iam-change: PutRolePolicy on role orders-api-task-role, inline policy orders-api-table/m,
    );
    expect(stdout).toMatch(
      /\| 2026-11-21 10:00:00 \| T - 5 minutes \| PutRolePolicy on role orders-api-task-role, inline policy orders-api-table by arn:aws:iam::111122223333:role\/terraform-deployer, removing dynamodb:GetItem, dynamodb:Get\\\*, finding 1 \|/,
    );
    expect(stdout).toContain('restore dynamodb:GetItem');
  });

  it('json: the cause is part of each finding', async () => {
    const { stdout } = await runCli(['analyze', NARROWED, '--format', 'json']);
    const analysis = JSON.parse(stdout);
    expect(analysis.schemaVersion).toBe(1);
    expect(analysis.findings[0].cause).toMatchObject({ kind: 'iam-change', event: 'PutRolePolicy' });
    expect(analysis.timeline.map((event: { kind: string }) => event.kind)).toContain('policy-change');
  });

  it('tui: the detail shows the cause', async () => {
    const { analysis } = await analyzeFiles([NARROWED]);
    const finding = analysis.findings[0];
    if (!finding) throw new Error('no finding');
    const lines = detailLines(finding, {
      width: 80,
      number: 1,
      total: 1,
      expanded: [],
      anchor: 0,
      occurrence: null,
    });
    const text = ONE_LINE(lines.map((line) => line.text).join('\n'));
    expect(text).toMatch(/cause iam-change: PutRolePolicy on role orders-api-task-role/);
    expect(text).toContain('(removed: dynamodb:GetItem, dynamodb:Get*)');
  });
});
