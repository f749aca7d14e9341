/**
 * The case runner's judgement fails on what issue 11 says must not pass: a wrong step, action,
 * resource, policy type or explicit deny (the corpus test once printed them and checked role
 * only), a look-alike left without a name, a case with no answer, and a pending miss that
 * has started to match.
 */
import { describe, expect, it } from 'vitest';
import { type Case, judgeCase } from './case-runner.js';
import { corpusCase } from './corpus-cases.js';

const wrong = (item: Case, output: Parameters<typeof judgeCase>[1], pending = {}) =>
  judgeCase(item, output, pending)
    .filter((verdict) => !verdict.right)
    .map((verdict) => verdict.field);

describe('judging a case', () => {
  const item = corpusCase('ecs-01');
  const right = { ...item.expected };

  it('accepts a finding that states every field as the case does', () => {
    expect(wrong(item, { findings: [right], notPermission: [] })).toEqual([]);
  });

  it.each(['step', 'action', 'resource', 'policyType', 'explicitDeny'])('fails on a wrong %s', (field) => {
    const planted = { ...right, [field]: field === 'explicitDeny' ? true : 'planted' };
    expect(wrong(item, { findings: [planted], notPermission: [] })).toEqual([field]);
  });

  it('fails on a look-alike left without a name, and on a case left without an answer', () => {
    const lookAlike = corpusCase('ecs-16');
    expect(lookAlike.expected.role).toBe('none');
    expect(wrong(lookAlike, { findings: [], notPermission: [] })).toEqual(['role', 'step', 'answered']);
    expect(wrong(lookAlike, { findings: [], notPermission: [{ kind: 'missing-resource' }] })).toEqual([]);
  });

  it('says which mismatches are pending, and which pending one now matches', () => {
    const planted = { ...right, action: 'planted' };
    const verdicts = judgeCase(
      item,
      { findings: [planted], notPermission: [] },
      { 'ecs-01': { action: 'why' } },
    );
    expect(verdicts.find((verdict) => verdict.field === 'action')).toMatchObject({
      right: false,
      pending: 'why',
    });
    const stale = judgeCase(item, { findings: [right], notPermission: [] }, { 'ecs-01': { action: 'why' } });
    expect(stale.find((verdict) => verdict.field === 'action')).toMatchObject({
      right: true,
      pending: 'why',
    });
  });
});
