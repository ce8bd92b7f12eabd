import { describe, expect, it } from 'vitest';
import { rankRecommendations, type RecommendationCandidate, servicesRelatedTo } from './recommendations.js';

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
  it('ranks by how many similar agencies use a service, and leaves out what none of them uses', () => {
    const ranked = rankRecommendations(
      [
        c('few', { similar: { users: 1, peers: 1 }, sameMinistry: { users: 1, peers: 1 } }),
        c('many', { similar: { users: 30, peers: 45 }, sameSize: { users: 25, peers: 40 }, sameMinistry: { users: 8, peers: 10 } }),
        c('none'),
        c('some', { similar: { users: 20, peers: 45 }, sameSize: { users: 20, peers: 40 } }),
      ],
      (a, b) => a.name.localeCompare(b.name),
    );
    expect(ranked.map((r) => r.name)).toEqual(['many', 'some', 'few']);
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

  it('never suggests a service the agency may not be allowed to use (unknown eligibility), however many use it', () => {
    const ranked = rankRecommendations([
      c('group-unused', { eligibility: 'unknown' }),
      c('group-used', { eligibility: 'unknown', similar: { users: 3, peers: 45 }, sameMinistry: { users: 3, peers: 10 } }),
      c('open', { similar: { users: 1, peers: 45 }, sameSize: { users: 1, peers: 40 } }),
    ]);
    expect(ranked.map((r) => (r as { name: string }).name)).toEqual(['open']);
  });

  it('leaves out what the agency uses and the parts and wholes of it', () => {
    const tree = [
      { id: 'lonn', parentId: null },
      { id: 'reise', parentId: 'lonn' },
      { id: 'reise-app', parentId: 'reise' },
      { id: 'regnskap', parentId: null },
      { id: 'bilag', parentId: 'regnskap' },
      { id: 'arkiv', parentId: null },
    ];
    expect([...servicesRelatedTo(tree, new Set(['lonn', 'bilag']))].sort()).toEqual(['bilag', 'lonn', 'regnskap', 'reise', 'reise-app']);
  });

  it('works for an agency under no ministry and of unknown size (a mandatory service it opted out of)', () => {
    const [r] = rankRecommendations([c('z', { sameMinistry: null, sameSize: null, similar: { users: 0, peers: 0 }, mandatory: true })]);
    expect(r!.score).toBe(0);
    expect(r!.reasons).toEqual([{ kind: 'noPeerUses' }, { kind: 'mandatoryOptedOut' }]);
  });
});
