import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  cacPaybackPeriod,
  grossRevenueChurnRate,
  grossRevenueRetention,
  ltvToCacRatio,
  netRevenueChurnRate,
  netRevenueRetention,
  type RevenueMovementsInput,
  saasQuickRatio,
} from '../../src/metrics/revenue.js';
import {
  type BadInputCase,
  type BadValues,
  describeBadInput,
  NEGATIVE,
  NOT_NUMBERS,
} from '../support/bad-input.js';
import { expectError } from '../support/errors.js';

/** The four functions that take the same {@link RevenueMovementsInput}. */
const movementFunctions = [
  ['grossRevenueChurnRate', grossRevenueChurnRate],
  ['netRevenueChurnRate', netRevenueChurnRate],
  ['netRevenueRetention', netRevenueRetention],
  ['grossRevenueRetention', grossRevenueRetention],
] as const;

const month = {
  startingRevenue: 100000,
  churnedRevenue: 3000,
  contractionRevenue: 1000,
  expansionRevenue: 6000,
};

describe('revenue churn and retention: the worked month', () => {
  it('gross churn = (3000 + 1000) / 100000 = 0.04', () => {
    expect(grossRevenueChurnRate(month).toString()).toBe('0.04');
  });

  it('net churn = (3000 + 1000 − 6000) / 100000 = −0.02 (negative churn)', () => {
    expect(netRevenueChurnRate(month).toString()).toBe('-0.02');
  });

  it('NRR = (100000 − 3000 − 1000 + 6000) / 100000 = 102000 / 100000 = 1.02', () => {
    expect(netRevenueRetention(month).toString()).toBe('1.02');
  });

  it('GRR = (100000 − 3000 − 1000) / 100000 = 96000 / 100000 = 0.96', () => {
    expect(grossRevenueRetention(month).toString()).toBe('0.96');
  });

  it('identities: NRR = 1 − net churn and GRR = 1 − gross churn', () => {
    expect(new Decimal(1).minus(netRevenueChurnRate(month).toString()).toString()).toBe(
      netRevenueRetention(month).toString(),
    );
    expect(new Decimal(1).minus(grossRevenueChurnRate(month).toString()).toString()).toBe(
      grossRevenueRetention(month).toString(),
    );
  });

  it('omitted contraction and expansion mean 0', () => {
    // Hand: 3000 / 100000 = 0.03; GRR = NRR = 97000 / 100000 = 0.97.
    const only = { startingRevenue: 100000, churnedRevenue: 3000 };
    expect(grossRevenueChurnRate(only).toString()).toBe('0.03');
    expect(netRevenueChurnRate(only).toString()).toBe('0.03');
    expect(netRevenueRetention(only).toString()).toBe('0.97');
    expect(grossRevenueRetention(only).toString()).toBe('0.97');
  });

  it('gross metrics ignore expansion', () => {
    const noExpansion = { ...month, expansionRevenue: 0 };
    expect(grossRevenueChurnRate(noExpansion).toString()).toBe('0.04');
    expect(grossRevenueRetention(noExpansion).toString()).toBe('0.96');
  });

  it('losing all starting revenue: gross churn 1, GRR 0, NRR = expansion / start', () => {
    // Hand: (60 + 40) / 100 = 1; GRR 0; NRR (100 − 100 + 25) / 100 = 0.25.
    const all = {
      startingRevenue: 100,
      churnedRevenue: 60,
      contractionRevenue: 40,
      expansionRevenue: 25,
    };
    expect(grossRevenueChurnRate(all).toString()).toBe('1');
    expect(grossRevenueRetention(all).toString()).toBe('0');
    expect(netRevenueRetention(all).toString()).toBe('0.25');
    expect(netRevenueChurnRate(all).toString()).toBe('0.75');
  });

  it('matches Python decimal on a non-terminating month', () => {
    // Python decimal, prec 34, half-even, S = 98765.43, churned 1000, contraction 234.56,
    // expansion 500:
    //   (1000 + 234.56) / S         = 0.01249992026562330564449524494552396
    //   (1000 + 234.56 − 500) / S   = 0.007437420158045178358460040117275852
    //   (S − 1234.56 + 500) / S     = 0.9925625798419548216415399598827241
    //   (S − 1234.56) / S           = 0.9875000797343766943555047550544760
    const input = {
      startingRevenue: '98765.43',
      churnedRevenue: '1000',
      contractionRevenue: '234.56',
      expansionRevenue: 500,
    };
    expect(grossRevenueChurnRate(input).toString()).toBe('0.01249992026562330564449524494552396');
    expect(netRevenueChurnRate(input).toString()).toBe('0.007437420158045178358460040117275852');
    expect(netRevenueRetention(input).toString()).toBe('0.9925625798419548216415399598827241');
    // decimal.js drops the trailing zero of …4760.
    expect(grossRevenueRetention(input).toString()).toBe('0.987500079734376694355504755054476');
  });
});

describe.each(movementFunctions)('%s errors', (_name, fn) => {
  it('startingRevenue 0 → DIVISION_BY_ZERO on startingRevenue', () => {
    const error = expectError(
      () => fn({ startingRevenue: 0, churnedRevenue: 0 }),
      'DIVISION_BY_ZERO',
      'startingRevenue',
    );
    expect(error.message).toContain('division by zero');
    // Still a division by zero (not "lost more than the start") when there are losses.
    expectError(
      () => fn({ startingRevenue: '0.00', churnedRevenue: 5 }),
      'DIVISION_BY_ZERO',
      'startingRevenue',
    );
  });

  it('churned + contraction > starting → INVALID_INPUT on churnedRevenue', () => {
    const error = expectError(
      () => fn({ startingRevenue: 100, churnedRevenue: 60, contractionRevenue: '40.01' }),
      'INVALID_INPUT',
      'churnedRevenue',
    );
    expect(error.message).toContain('startingRevenue');
    expectError(
      () => fn({ startingRevenue: 100, churnedRevenue: '100.01' }),
      'INVALID_INPUT',
      'churnedRevenue',
    );
  });
});

describe('saasQuickRatio', () => {
  it('(new + expansion) / (churned + contraction) = (10000 + 6000) / (3000 + 1000) = 4', () => {
    expect(
      saasQuickRatio({
        newRevenue: 10000,
        expansionRevenue: 6000,
        churnedRevenue: 3000,
        contractionRevenue: 1000,
      }).toString(),
    ).toBe('4');
  });

  it('matches Python decimal on a non-terminating ratio', () => {
    // Python decimal, prec 34, half-even: (Decimal('2500.5') + 300) / (1000 + Decimal('234.56'))
    // = 2.268419517884914463452566096423017
    expect(
      saasQuickRatio({
        newRevenue: '2500.5',
        expansionRevenue: 300,
        churnedRevenue: 1000,
        contractionRevenue: '234.56',
      }).toString(),
    ).toBe('2.268419517884914463452566096423017');
  });

  it('no gains gives 0; losses from contraction alone are a valid denominator', () => {
    expect(
      saasQuickRatio({
        newRevenue: 0,
        expansionRevenue: 0,
        churnedRevenue: 5,
        contractionRevenue: 0,
      }).toString(),
    ).toBe('0');
    // Hand: 30 / 20 = 1.5.
    expect(
      saasQuickRatio({
        newRevenue: 10,
        expansionRevenue: 20,
        churnedRevenue: 0,
        contractionRevenue: 20,
      }).toString(),
    ).toBe('1.5');
  });

  it('churned + contraction = 0 → DIVISION_BY_ZERO on churnedRevenue', () => {
    const error = expectError(
      () =>
        saasQuickRatio({
          newRevenue: 10,
          expansionRevenue: 5,
          churnedRevenue: 0,
          contractionRevenue: '0.00',
        }),
      'DIVISION_BY_ZERO',
      'churnedRevenue',
    );
    expect(error.message).toContain('contractionRevenue');
  });
});

describe('ltvToCacRatio', () => {
  it('is LTV / CAC', () => {
    // Hand: 1200 / 400 = 3; 1000 / 3 = 333.33…
    expect(ltvToCacRatio({ lifetimeValue: '1200', acquisitionCost: '400' }).toString()).toBe('3');
    // Python decimal, prec 34, half-even: Decimal(7)/3 = 2.333333333333333333333333333333333
    expect(ltvToCacRatio({ lifetimeValue: 7, acquisitionCost: 3 }).toString()).toBe(
      '2.333333333333333333333333333333333',
    );
    expect(ltvToCacRatio({ lifetimeValue: 0, acquisitionCost: 3 }).toString()).toBe('0');
  });

  it('acquisitionCost 0 → DIVISION_BY_ZERO on acquisitionCost', () => {
    expectError(
      () => ltvToCacRatio({ lifetimeValue: 100, acquisitionCost: 0 }),
      'DIVISION_BY_ZERO',
      'acquisitionCost',
    );
  });
});

describe('cacPaybackPeriod', () => {
  it('is CAC / (revenue per period × margin): 600 / (100 × 0.75) = 8', () => {
    expect(
      cacPaybackPeriod({
        acquisitionCost: 600,
        revenuePerPeriod: 100,
        grossMargin: '0.75',
      }).toString(),
    ).toBe('8');
  });

  it('omitted grossMargin means 1', () => {
    // Hand: 600 / 100 = 6.
    expect(cacPaybackPeriod({ acquisitionCost: 600, revenuePerPeriod: 100 }).toString()).toBe('6');
    expect(
      cacPaybackPeriod({ acquisitionCost: 600, revenuePerPeriod: 100, grossMargin: 1 }).toString(),
    ).toBe('6');
  });

  it('matches Python decimal on non-terminating cases', () => {
    // Python decimal, prec 34, half-even: Decimal(4321)/(120*Decimal('0.8')) = 45.01041666666666666666666666666667
    // and Decimal(1000)/(90*Decimal('0.7')) = 15.87301587301587301587301587301587
    expect(
      cacPaybackPeriod({
        acquisitionCost: 4321,
        revenuePerPeriod: 120,
        grossMargin: '0.8',
      }).toString(),
    ).toBe('45.01041666666666666666666666666667');
    expect(
      cacPaybackPeriod({
        acquisitionCost: 1000,
        revenuePerPeriod: 90,
        grossMargin: 0.7,
      }).toString(),
    ).toBe('15.87301587301587301587301587301587');
  });

  it('grossMargin 0 → DIVISION_BY_ZERO on grossMargin', () => {
    expectError(
      () => cacPaybackPeriod({ acquisitionCost: 600, revenuePerPeriod: 100, grossMargin: 0 }),
      'DIVISION_BY_ZERO',
      'grossMargin',
    );
  });

  it('revenuePerPeriod 0 → DIVISION_BY_ZERO on revenuePerPeriod', () => {
    expectError(
      () => cacPaybackPeriod({ acquisitionCost: 600, revenuePerPeriod: 0, grossMargin: '0.75' }),
      'DIVISION_BY_ZERO',
      'revenuePerPeriod',
    );
    expectError(
      () => cacPaybackPeriod({ acquisitionCost: 600, revenuePerPeriod: '0' }),
      'DIVISION_BY_ZERO',
      'revenuePerPeriod',
    );
  });

  it('grossMargin above 1 → INVALID_INPUT on grossMargin', () => {
    expectError(
      () => cacPaybackPeriod({ acquisitionCost: 600, revenuePerPeriod: 100, grossMargin: 75 }),
      'INVALID_INPUT',
      'grossMargin',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Bad-input matrix: every field of every function in revenue.ts.

const MONEY_BAD: BadValues = [...NOT_NUMBERS, ...NEGATIVE];
const RATE_BAD: BadValues = [...NOT_NUMBERS, ['-0.1', -0.1], ['1.5', 1.5]];

const movementFields = [
  ['startingRevenue', MONEY_BAD, 'required'],
  ['churnedRevenue', MONEY_BAD, 'required'],
  ['contractionRevenue', MONEY_BAD, 'optional'],
  ['expansionRevenue', MONEY_BAD, 'optional'],
] as const;

const matrix: BadInputCase[] = [
  ...movementFunctions.map(([name, fn]) => ({
    name,
    call: (input: unknown) => fn(input as RevenueMovementsInput),
    valid: month,
    fields: movementFields,
  })),
  {
    name: 'saasQuickRatio',
    call: (input) => saasQuickRatio(input as Parameters<typeof saasQuickRatio>[0]),
    valid: {
      newRevenue: 10000,
      expansionRevenue: 6000,
      churnedRevenue: 3000,
      contractionRevenue: 1000,
    },
    fields: [
      ['newRevenue', MONEY_BAD, 'required'],
      ['expansionRevenue', MONEY_BAD, 'required'],
      ['churnedRevenue', MONEY_BAD, 'required'],
      ['contractionRevenue', MONEY_BAD, 'required'],
    ],
  },
  {
    name: 'ltvToCacRatio',
    call: (input) => ltvToCacRatio(input as Parameters<typeof ltvToCacRatio>[0]),
    valid: { lifetimeValue: 1200, acquisitionCost: 400 },
    fields: [
      ['lifetimeValue', MONEY_BAD, 'required'],
      ['acquisitionCost', MONEY_BAD, 'required'],
    ],
  },
  {
    name: 'cacPaybackPeriod',
    call: (input) => cacPaybackPeriod(input as Parameters<typeof cacPaybackPeriod>[0]),
    valid: { acquisitionCost: 600, revenuePerPeriod: 100, grossMargin: '0.75' },
    fields: [
      ['acquisitionCost', MONEY_BAD, 'required'],
      ['revenuePerPeriod', MONEY_BAD, 'required'],
      ['grossMargin', RATE_BAD, 'optional'],
    ],
  },
];

describeBadInput(matrix, 'newCustomers');

describe('revenue inputs are never mutated', () => {
  it('works on deeply frozen inputs and leaves them equal', () => {
    const movements = Object.freeze({ ...month });
    const quick = Object.freeze({
      newRevenue: 10000,
      expansionRevenue: 6000,
      churnedRevenue: 3000,
      contractionRevenue: 1000,
    });
    const ltv = Object.freeze({ lifetimeValue: '1200', acquisitionCost: '400' });
    const payback = Object.freeze({
      acquisitionCost: 600,
      revenuePerPeriod: 100,
      grossMargin: '0.75',
    });
    const before = JSON.stringify([movements, quick, ltv, payback]);
    for (const [, fn] of movementFunctions) fn(movements);
    saasQuickRatio(quick);
    ltvToCacRatio(ltv);
    cacPaybackPeriod(payback);
    expect(JSON.stringify([movements, quick, ltv, payback])).toBe(before);
  });
});
