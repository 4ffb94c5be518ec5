import { describe, expect, it } from 'vitest';

import { comparedWith, comparisonOf, kindOf, shifted, yearsUpTo } from './periods';

describe('portrait periods', () => {
  it('recognizes agreement years (April to March), calendar years and other spans', () => {
    expect(kindOf({ from: '2025-04', to: '2026-03' })).toEqual({ kind: 'agreement', year: 2025 });
    expect(kindOf({ from: '2026-01', to: '2026-12' })).toEqual({ kind: 'calendar', year: 2026 });
    expect(kindOf({ from: '2026-02', to: '2026-05' })).toEqual({ kind: 'custom', year: 2026 });
  });

  it('moves a period across years', () => {
    expect(shifted({ from: '2026-01', to: '2026-03' }, -3)).toEqual({ from: '2025-10', to: '2025-12' });
    expect(shifted({ from: '2025-11', to: '2026-02' }, 12)).toEqual({ from: '2026-11', to: '2027-02' });
  });

  it('compares with the period just before or a year earlier', () => {
    const period = { from: '2026-02', to: '2026-05' };
    expect(comparedWith(period, 'previous')).toEqual({ from: '2025-10', to: '2026-01' });
    expect(comparedWith(period, 'year-before')).toEqual({ from: '2025-02', to: '2025-05' });
    expect(comparedWith(period, 'none')).toBeNull();
    expect(comparisonOf(period, { from: '2025-10', to: '2026-01' })).toBe('previous');
    expect(comparisonOf(period, { from: '2025-02', to: '2025-05' })).toBe('year-before');
    expect(comparisonOf(period, { from: '2024-01', to: '2024-12' })).toBe('custom');
    expect(comparisonOf(period, null)).toBe('none');
  });

  it('offers the years since the agreement began', () => {
    expect(yearsUpTo('2026-11', 'agreement')).toEqual([2026, 2025, 2024, 2023]);
    expect(yearsUpTo('2026-02', 'agreement')).toEqual([2025, 2024, 2023]);
    expect(yearsUpTo('2026-02', 'calendar')).toEqual([2026, 2025, 2024, 2023]);
  });
});
