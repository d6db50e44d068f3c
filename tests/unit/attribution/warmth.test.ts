import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/attribution/dates';
import { formatCalendarDate } from '../../../lib/attribution/format';
import type { AttributionKind, TouchType, TouchView } from '../../../lib/attribution/model';
import {
  DEFAULT_WARMTH_RULES,
  scoreWarmth,
  WARMTH_LABELS,
  type WarmthInput,
  type WarmthLevel,
} from '../../../lib/attribution/warmth';
import { RUN, touchType } from './arbitraries';

const TODAY = '2026-03-15';

function touch(daysAgo: number, by = 'Dana Reyes', type: TouchType = 'joint_call'): TouchView {
  return { id: `t${daysAgo}`, attributionId: 'a', type, date: addDays(TODAY, -daysAgo), note: '', createdBy: by };
}

function attribution(
  kind: AttributionKind,
  partnerName: string,
  touches: TouchView[] = [],
  extra: Partial<WarmthInput> = {},
): WarmthInput {
  return { kind, partnerName, touches, createdBy: 'Pat Partner', ...extra };
}

const score = (attributions: WarmthInput[]) => scoreWarmth(attributions, TODAY, DEFAULT_WARMTH_RULES, 'en-US');
const levelOf = (attributions: WarmthInput[]) => score(attributions)?.level;

describe('scoreWarmth: levels', () => {
  it('gives no badge without a partner', () => {
    expect(score([])).toBeUndefined();
  });

  it('is Hot for a sourced claim even without touches', () => {
    expect(levelOf([attribution('sourced', 'Acme SI')])).toBe('hot');
  });

  it('is Hot for a sourced claim whose touches are old', () => {
    expect(levelOf([attribution('sourced', 'Acme SI', [touch(400)])])).toBe('hot');
  });

  it('is Hot for a touch up to 14 days old, Warm for an influencer from 15 days', () => {
    expect(levelOf([attribution('influenced', 'Initech', [touch(13)])])).toBe('hot');
    expect(levelOf([attribution('influenced', 'Initech', [touch(14)])])).toBe('hot');
    expect(levelOf([attribution('influenced', 'Initech', [touch(15)])])).toBe('warm');
  });

  it('is Warm for an influencer touch up to 45 days old, Cool from 46 days', () => {
    expect(levelOf([attribution('influenced', 'Initech', [touch(44)])])).toBe('warm');
    expect(levelOf([attribution('influenced', 'Initech', [touch(45)])])).toBe('warm');
    expect(levelOf([attribution('influenced', 'Initech', [touch(46)])])).toBe('cool');
  });

  it('is Cool for an influencer without touches', () => {
    expect(levelOf([attribution('influenced', 'Initech')])).toBe('cool');
  });

  it('follows the freshest touch of any influencer', () => {
    expect(
      levelOf([
        attribution('influenced', 'Initech', [touch(90)]),
        attribution('influenced', 'Globex', [touch(60), touch(3)]),
      ]),
    ).toBe('hot');
  });

  it('follows the rules it is given', () => {
    const rules = { hotTouchDays: 3, warmTouchDays: 7 };
    const at = (days: number) =>
      scoreWarmth([attribution('influenced', 'Initech', [touch(days)])], TODAY, rules)?.level;
    expect([at(3), at(4), at(7), at(8)]).toEqual(['hot', 'warm', 'warm', 'cool']);
  });

  it('counts a touch dated after today as today, and says so', () => {
    const warmth = score([attribution('influenced', 'Initech', [touch(50), touch(-5)])]);
    expect(warmth?.level).toBe('hot');
    expect(warmth?.lastTouch).toMatchObject({ date: '2026-03-20', daysAgo: 0 });
    expect(warmth?.reasons).toContain('Dated after today, so counted as today');
    expect(warmth?.summary).toBe('Influenced by Initech · last touch today');
  });

  it('ignores touches without a real date', () => {
    const broken = { ...touch(1), date: '2026-02-30' };
    const warmth = score([attribution('influenced', 'Initech', [touch(60), broken])]);
    expect(warmth?.level).toBe('cool');
    expect(warmth?.lastTouch?.daysAgo).toBe(60);
  });

  it('refuses a today that is not a calendar date', () => {
    expect(() => scoreWarmth([attribution('sourced', 'Acme SI')], '2026-3-15')).toThrow(RangeError);
  });

  it('has a label for every level', () => {
    expect(WARMTH_LABELS).toEqual({ hot: 'Hot', warm: 'Warm', cool: 'Cool' });
  });
});

describe('scoreWarmth: what the AE reads', () => {
  it('explains a sourced, influenced opportunity in plain words', () => {
    const warmth = score([
      attribution('sourced', 'Northwind Systems Integration', [touch(3, 'Dana Reyes', 'intro_referral')]),
      attribution('influenced', 'Globex Cloud Reseller', [touch(20, 'Sam Lee')]),
      attribution('influenced', 'Initech'),
    ]);
    expect(warmth).toEqual({
      level: 'hot',
      reasons: [
        'Sourced by Northwind Systems Integration',
        'Influenced by Globex Cloud Reseller and Initech',
        'Intro / referral on Mar 12, 2026',
        'Last touch 3 days ago by Dana Reyes',
      ],
      summary: 'Sourced by Northwind Systems Integration · last touch 3 days ago',
      partners: [
        { name: 'Northwind Systems Integration', kind: 'sourced', lastTouch: '2026-03-12' },
        { name: 'Globex Cloud Reseller', kind: 'influenced', lastTouch: '2026-02-23' },
        { name: 'Initech', kind: 'influenced' },
      ],
      lastTouch: {
        date: '2026-03-12',
        daysAgo: 3,
        type: 'intro_referral',
        partnerName: 'Northwind Systems Integration',
        by: 'Dana Reyes',
      },
      askPartnerManager: 'Dana Reyes',
    });
  });

  it('writes dates as formatCalendarDate does, in the locale given', () => {
    const at = [attribution('influenced', 'Initech', [touch(3, 'Dana Reyes', 'deal_registration')])];
    for (const locale of ['en-US', 'en-GB', 'de-DE']) {
      expect(scoreWarmth(at, TODAY, DEFAULT_WARMTH_RULES, locale)?.reasons).toContain(
        `Deal registration on ${formatCalendarDate('2026-03-12', locale)}`,
      );
    }
    expect(scoreWarmth(at, TODAY, DEFAULT_WARMTH_RULES, 'en-GB')?.reasons).toContain(
      'Deal registration on 12 Mar 2026',
    );
  });

  it('says today and yesterday in words', () => {
    expect(score([attribution('influenced', 'Initech', [touch(0)])])?.reasons).toContain(
      'Last touch today by Dana Reyes',
    );
    expect(score([attribution('influenced', 'Initech', [touch(1)])])?.summary).toBe(
      'Influenced by Initech · last touch yesterday',
    );
  });

  it('says when nothing has been logged yet', () => {
    const warmth = score([attribution('sourced', 'Acme SI')]);
    expect(warmth?.reasons).toEqual(['Sourced by Acme SI', 'No touches logged yet']);
    expect(warmth?.summary).toBe('Sourced by Acme SI · no touches yet');
    expect(warmth?.lastTouch).toBeUndefined();
  });

  it('keeps the summary short when many partners influenced', () => {
    const warmth = score([
      attribution('influenced', 'Globex', [touch(30)]),
      attribution('influenced', 'Initech'),
      attribution('influenced', 'Umbrella'),
    ]);
    expect(warmth?.summary).toBe('Influenced by Globex and 2 more · last touch 30 days ago');
    expect(warmth?.reasons[0]).toBe('Influenced by Globex, Initech and Umbrella');
  });

  it('still shows a disputed opportunity as Hot and says it is disputed', () => {
    const warmth = score([
      attribution('sourced', 'Acme SI', [touch(100)]),
      attribution('sourced', 'Globex', [touch(90)]),
      attribution('influenced', 'Initech'),
    ]);
    expect(warmth?.level).toBe('hot');
    expect(warmth?.reasons.slice(0, 3)).toEqual([
      'Disputed: 2 partners claim to have sourced it',
      'Claimed as sourced by Acme SI and Globex',
      'Influenced by Initech',
    ]);
    expect(warmth?.summary).toBe('Disputed: sourced by Acme SI and Globex · last touch 90 days ago');
  });
});

describe('scoreWarmth: the person to ask', () => {
  it('is whoever logged the most recent touch', () => {
    const warmth = score([
      attribution('sourced', 'Acme SI', [touch(10, 'Ann Old'), touch(2, 'Bo New')]),
      attribution('influenced', 'Globex', [touch(5, 'Cy Mid')]),
    ]);
    expect(warmth?.askPartnerManager).toBe('Bo New');
    expect(warmth?.lastTouch).toMatchObject({ by: 'Bo New', partnerName: 'Acme SI' });
  });

  it('is whoever created the attribution when it is newer than every touch', () => {
    const warmth = score([
      attribution('sourced', 'Acme SI', [touch(10, 'Ann Old')], {
        createdAt: '2026-01-01T09:00:00.000Z',
        createdBy: 'Ann Old',
      }),
      attribution('influenced', 'Globex', [], { createdAt: '2026-03-14T09:00:00.000Z', createdBy: 'Eve Recent' }),
    ]);
    expect(warmth?.askPartnerManager).toBe('Eve Recent');
  });

  it('prefers the touch when both happened on the same day', () => {
    const warmth = score([
      attribution('influenced', 'Globex', [touch(1, 'Tom Touch')], {
        createdAt: '2026-03-14T17:00:00.000Z',
        createdBy: 'Ann Attr',
      }),
    ]);
    expect(warmth?.askPartnerManager).toBe('Tom Touch');
  });

  it('is whoever created the attribution when there are no touches', () => {
    expect(score([attribution('sourced', 'Acme SI', [], { createdBy: 'Pat Partner' })])?.askPartnerManager).toBe(
      'Pat Partner',
    );
  });
});

describe('scoreWarmth properties', () => {
  const RANK: Record<WarmthLevel, number> = { cool: 0, warm: 1, hot: 2 };

  const input = fc.array(
    fc.record({
      kind: fc.constantFrom<AttributionKind>('sourced', 'influenced', 'influenced', 'influenced'),
      partnerName: fc.constantFrom('Acme SI', 'Globex', 'Initech'),
      // Days before today; negative ones are dated after today.
      touches: fc.array(fc.record({ daysAgo: fc.integer({ min: -30, max: 120 }), type: touchType }), { maxLength: 4 }),
    }),
    { maxLength: 5 },
  );
  type Rows = typeof input extends fc.Arbitrary<infer T> ? T : never;
  const rules = fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 90 }))
    .map(([hotTouchDays, warmTouchDays]) => ({ hotTouchDays, warmTouchDays }));

  function build(rows: Rows, older: number): WarmthInput[] {
    return rows.map((row) =>
      attribution(
        row.kind,
        row.partnerName,
        row.touches.map((t) => ({ ...touch(t.daysAgo + older), type: t.type })),
      ),
    );
  }

  it('never gets warmer when every touch gets older', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 100 }), rules, (rows, older, rule) => {
        const now = scoreWarmth(build(rows, 0), TODAY, rule);
        const later = scoreWarmth(build(rows, older), TODAY, rule);
        expect(later === undefined).toBe(now === undefined);
        if (now && later) expect(RANK[later.level]).toBeLessThanOrEqual(RANK[now.level]);
      }),
      RUN,
    );
  });

  it('gives a badge exactly when a partner is involved', () => {
    fc.assert(
      fc.property(input, rules, (rows, rule) => {
        const warmth = scoreWarmth(build(rows, 0), TODAY, rule);
        expect(warmth === undefined).toBe(rows.length === 0);
        if (warmth) {
          expect(warmth.reasons.length).toBeGreaterThan(0);
          expect(warmth.summary.length).toBeGreaterThan(0);
          if (rows.some((r) => r.kind === 'sourced')) expect(warmth.level).toBe('hot');
        }
      }),
      RUN,
    );
  });
});
