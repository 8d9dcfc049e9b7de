/**
 * Hostile values and the mutations that put them into a valid input, for the battery of
 * test/fuzz/exports.test.ts. Every value is built fresh for each run, so that a run that mutated
 * its input cannot change a later one.
 */
import { types } from 'node:util';
import { Decimal as ForeignDecimal } from 'decimal.js';
import fc from 'fast-check';
import { Decimal } from '../../src/index.js';

/** The error a caller's own code throws (a getter, a proxy); it must leave the library unchanged. */
export class CallerError extends Error {
  constructor() {
    super('the caller’s own error');
    this.name = 'CallerError';
  }
}

/** An object whose every read throws the caller's own error. */
function throwingProxy(error: CallerError): object {
  const fail = (): never => {
    throw error;
  };
  return new Proxy(
    {},
    { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail },
  );
}

/** Factories of hostile values: called once per run. */
const FACTORIES: readonly (() => unknown)[] = [
  // numbers
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -0,
  () => 0,
  () => -1,
  () => 0.5,
  () => 1.5,
  () => 1e308,
  () => -1e308,
  () => 5e-324,
  () => 1e-300,
  () => 2 ** 31,
  () => 2 ** 32,
  () => 2 ** 53,
  () => 1e15,
  () => 1e21,
  () => Number.MAX_SAFE_INTEGER,
  () => Number.MAX_VALUE,
  // bigints
  () => 10n,
  () => -1n,
  () => 2n ** 64n,
  // strings
  () => '1e1000000000',
  () => '-1e1000000000',
  () => '1e-1000000000',
  () => '9'.repeat(400),
  () => `0.${'0'.repeat(300)}1`,
  () => 'NaN',
  () => 'Infinity',
  () => '',
  () => ' ',
  () => '0x10',
  () => '1,5',
  () => '__proto__',
  () => 'constructor',
  () => 'toString',
  () => '\u0000',
  () => '\ud800',
  () => '👩‍👩‍👧',
  () => 'x'.repeat(100_000),
  () => '2024-02-30',
  () => '0024-01-01',
  () => '9999-12-31',
  () => '+275760-09-13',
  () => '-271821-04-20T00:00:00Z',
  () => '<script>alert(1)</script>',
  () => '```\n# heading\n<!--',
  () => 'a\r\nb|c\\|',
  () => 'weeks',
  () => 'Europe/Nowhere',
  // dates
  () => new Date(Number.NaN),
  () => new Date(-8.64e15),
  () => new Date(8.64e15),
  () => new Date(-1),
  () => new Date(Date.UTC(1899, 11, 31, 23, 59, 59, 999)),
  () => new Date(Date.UTC(2200, 0, 1)),
  // decimals
  () => new Decimal(Number.NaN),
  () => new Decimal(Number.POSITIVE_INFINITY),
  () => new Decimal('-0'),
  () => new Decimal('1e400'),
  () => new ForeignDecimal('1e1000000000'),
  () => new ForeignDecimal('-1e-1000000000'),
  () => new ForeignDecimal(Number.NaN),
  // others
  () => null,
  () => undefined,
  () => true,
  () => false,
  () => ({}),
  () => [],
  // biome-ignore lint/suspicious/noSparseArray: a sparse array is the point
  () => [1, , 3],
  () => new Array(5),
  () => Object.create(null),
  () => Object.freeze({ a: 1 }),
  () => new Float64Array([1, Number.NaN, 3]),
  () => new Float64Array(0),
  () => new Int32Array(3),
  () => new Uint8Array(7),
  () => BigInt64Array.of(1n, -1n, 2n ** 62n),
  () => ({ length: -1 }),
  () => ({ length: 2 ** 32 }),
  () => ({ length: 3 }),
  () => new Map([['a', 1]]),
  () => new Set([1]),
  () => Symbol('hostile'),
  () => () => 1,
  () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    return cyclic;
  },
];

/** A hostile value, as a factory index (shrinks towards the simple ones). */
export const hostileIndex = fc.nat({ max: FACTORIES.length - 1 });

/** The hostile value of an index, built fresh; a throwing proxy for `-1`. */
export function hostileValue(index: number, caller: CallerError): unknown {
  if (index < 0) return throwingProxy(caller);
  return (FACTORIES[index] as () => unknown)();
}

/** Field names an input may inherit from a polluted prototype, or get as an extra field. */
export const FIELD_NAMES: readonly string[] = [
  'unit',
  'asOf',
  'timeZone',
  'timeUnit',
  'granularity',
  'form',
  'locale',
  'periods',
  'mode',
  'measure',
  'brackets',
  'newCustomers',
  'lostCustomers',
  'endCustomers',
  'amounts',
  'revenue',
  'orders',
  'weight',
  'monetaryValue',
  'threshold',
  'currency',
  'decimals',
  'rounding',
  'method',
  'grossMargin',
  'customize',
  'metrics',
  'format',
  'penalty',
  'maxIterations',
  'spendModel',
  'margin',
  'seed',
  'customers',
  'T',
  'dialect',
  'atType',
  'amountScale',
  'version',
  'options',
  'params',
];

/** One change to a valid input. */
export type Mutation =
  | { readonly op: 'replace'; readonly path: number; readonly value: number }
  | { readonly op: 'delete'; readonly path: number }
  | { readonly op: 'extra'; readonly path: number; readonly key: number; readonly value: number }
  | { readonly op: 'getter'; readonly path: number }
  | { readonly op: 'proxy'; readonly path: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      path: fc.nat(),
      value: hostileIndex,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('extra' as const),
      path: fc.nat(),
      key: fc.nat({ max: FIELD_NAMES.length }),
      value: hostileIndex,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('getter' as const), path: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('proxy' as const), path: fc.nat() }) },
);

/** A hostile case: the changes, whether the input is frozen, and a prototype pollution. */
export interface HostileCase {
  readonly mutations: readonly Mutation[];
  readonly freeze: boolean;
  readonly pollute: { readonly key: number; readonly value: number } | null;
}

export const hostileCase: fc.Arbitrary<HostileCase> = fc.record({
  mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
  freeze: fc.boolean(),
  pollute: fc.option(
    fc.record({ key: fc.nat({ max: FIELD_NAMES.length - 1 }), value: hostileIndex }),
    { freq: 4 },
  ),
});

type Path = readonly (string | number)[];

function isContainer(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every path into the plain objects and arrays of `root` (the argument list), root excluded. */
function pathsOf(root: unknown): Path[] {
  const out: Path[] = [];
  const walk = (value: unknown, path: Path, depth: number): void => {
    if (!isContainer(value) || depth > 8) return;
    for (const key of Object.keys(value)) {
      const index = Array.isArray(value) ? Number(key) : key;
      const next = [...path, index];
      out.push(next);
      walk(ownValue(value, key), next, depth + 1);
    }
  };
  walk(root, [], 0);
  return out;
}

/** An own data property's value, without calling a getter. */
function ownValue(container: object, key: PropertyKey): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(container, key);
  return descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
}

function parentOf(root: unknown, path: Path): Record<PropertyKey, unknown> | undefined {
  let current: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(current)) return undefined;
    current = ownValue(current, key);
  }
  return isContainer(current) ? current : undefined;
}

function setValue(target: object, key: PropertyKey, value: unknown): void {
  try {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } catch {
    // A property that cannot be redefined (an array's or typed array's length, an index past a
    // typed array's end): that mutation does not apply to this input.
  }
}

/**
 * Applies `mutations` to `args` (a fresh valid argument list) in place and returns it. Paths are
 * chosen among the paths present when each mutation runs.
 */
export function mutate(
  args: unknown[],
  mutations: readonly Mutation[],
  caller: CallerError,
): unknown[] {
  for (const m of mutations) {
    const paths = pathsOf(args);
    const path = paths[m.path % Math.max(paths.length, 1)] ?? [0];
    const parent = parentOf(args, path) ?? args;
    const key = path[path.length - 1] as string | number;
    if (Object.isFrozen(parent)) continue;
    switch (m.op) {
      case 'replace':
        setValue(parent, key, hostileValue(m.value, caller));
        break;
      case 'delete':
        Reflect.deleteProperty(parent, key);
        break;
      case 'extra': {
        const inner = ownValue(parent, key);
        const target = isContainer(inner) ? inner : parent;
        if (Object.isFrozen(target)) break;
        const name = FIELD_NAMES[m.key] ?? '__proto__';
        Object.defineProperty(target, name, {
          value: hostileValue(m.value, caller),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        break;
      }
      case 'getter':
        try {
          Object.defineProperty(parent, key, {
            get() {
              throw caller;
            },
            enumerable: true,
            configurable: true,
          });
        } catch {
          // An array's length cannot become a getter: that mutation does not apply here.
        }
        break;
      case 'proxy':
        setValue(parent, key, hostileValue(-1, caller));
        break;
    }
  }
  return args;
}

/** Freezes the plain objects and arrays of `value`, deeply. */
export function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if (!isContainer(value) || seen.has(value)) return;
  seen.add(value);
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor) deepFreeze(descriptor.value, seen);
  }
  Object.freeze(value);
}
