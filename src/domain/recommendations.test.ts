import { describe, expect, it } from 'vitest';
import { rankRecommendations, type RecommendationCandidate } from './recommendations.js';

const c = (name: string, over: Partial<RecommendationCandidate> = {}): RecommendationCandidate & { name: string } => ({
  name,
  eligibility: 'yes',
  sameMinistry: { users: 0, peers: 10 },
  sameSize: { users: 0, peers: 40 },
  similar: { users: 0, peers: 45 },
  mandatory: false,
  ...over,
});

describe('recommendations', () => {
  it('ranks by the share of similar agencies that use a service, weighing many above few', () => {
    const ranked = rankRecommendations(
      [
        c('few', { similar: { users: 1, peers: 1 }, sameMinistry: { users: 1, peers: 1 } }),
        c('many', { similar: { users: 30, peers: 45 }, sameSize: { users: 25, peers: 40 }, sameMinistry: { users: 8, peers: 10 } }),
        c('none'),
        c('some', { similar: { users: 20, peers: 45 }, sameSize: { users: 20, peers: 40 } }),
      ],
      (a, b) => a.name.localeCompare(b.name),
    );
    expect(ranked.map((r) => r.name)).toEqual(['many', 'some', 'few', 'none']);
  });

  it('says why, strongest cohort first', () => {
    const [r] = rankRecommendations([c('x', { similar: { users: 30, peers: 45 }, sameSize: { users: 22, peers: 40 }, sameMinistry: { users: 8, peers: 10 } })]);
    expect(r!.reasons).toEqual([
      { kind: 'sameMinistry', users: 8, peers: 10 },
      { kind: 'sameSize', users: 22, peers: 40 },
    ]);
    const [none] = rankRecommendations([c('y', { mandatory: true })]);
    expect(none!.reasons).toEqual([{ kind: 'noPeerUses' }, { kind: 'mandatoryOptedOut' }]);
  });

  it('suggests a service of unknown eligibility only when a similar agency uses it, telling the agency to ask', () => {
    const ranked = rankRecommendations([
      c('group-unused', { eligibility: 'unknown' }),
      c('group-used', { eligibility: 'unknown', similar: { users: 3, peers: 45 }, sameMinistry: { users: 3, peers: 10 } }),
    ]);
    expect(ranked.map((r) => (r as { name: string }).name)).toEqual(['group-used']);
    expect(ranked[0]!.reasons.at(-1)).toEqual({ kind: 'askProvider' });
  });

  it('works for an agency under no ministry and of unknown size', () => {
    const [r] = rankRecommendations([c('z', { sameMinistry: null, sameSize: null, similar: { users: 0, peers: 0 } })]);
    expect(r!.score).toBe(0);
    expect(r!.reasons).toEqual([{ kind: 'noPeerUses' }]);
  });
});
