/**
 * Own fields only: an input is read through its own properties, never through inherited ones, so
 * a polluted prototype (`Object.prototype.newCustomers = 200` set elsewhere in the host) changes
 * no result. Implemented once here and used by the schema parser ({@link ownInput} in
 * `parseInput`), the log reader and the options readers ({@link ownField}).
 *
 * @module
 */

/** The standard own keys of `Object.prototype`; any other key is a pollution that inputs could inherit. */
const STANDARD_OBJECT_KEYS: ReadonlySet<string> = new Set([
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'hasOwnProperty',
  '__lookupGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'valueOf',
  '__proto__',
  'toLocaleString',
]);

const INDEX = /^(0|[1-9]\d*)$/;

/**
 * Whether `Object.prototype` carries a key that is not standard, or `Array.prototype` an index, so
 * that reading a missing field or a hole would find an inherited value. Cheap (a dozen keys).
 *
 * @internal
 */
export function prototypesPolluted(): boolean {
  for (const key of Object.getOwnPropertyNames(Object.prototype)) {
    if (!STANDARD_OBJECT_KEYS.has(key)) return true;
  }
  for (const key of Object.getOwnPropertyNames(Array.prototype)) {
    if (INDEX.test(key)) return true;
  }
  return false;
}

function pollutedKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).filter(
    (key) => !STANDARD_OBJECT_KEYS.has(key),
  );
}

/**
 * The own property `key` of `value`, or `undefined` when `value` is not an object or the property
 * is only inherited.
 *
 * @internal
 */
export function ownField(value: unknown, key: PropertyKey): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
    return undefined;
  }
  return Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
}

/**
 * Whether `value` is a plain object: its prototype is `Object.prototype` or `null`. The one test of
 * the kind an object-shaped input must be (options, rows, a plan's fields); a typed array, a
 * `Date`, a `Map` or a class instance in such a place is refused, since its fields would be read
 * through a prototype that is not the caller's own.
 *
 * @internal
 */
export function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `input` as a schema should see it: when the global prototypes are polluted, a deep copy of its
 * plain objects and arrays holding only their own fields (objects without a prototype, each
 * polluted name shadowed by a non-enumerable `undefined`; arrays without holes read through
 * `Array.prototype`); otherwise `input` itself, uncopied. Dates,
 * Decimals, maps, typed arrays and class instances are kept as they are.
 *
 * @internal
 */
export function ownInput<T>(input: T): T {
  if (!prototypesPolluted()) return input;
  return copyOwn(input, new Map(), pollutedKeys()) as T;
}

function copyOwn(value: unknown, seen: Map<object, unknown>, shadow: readonly string[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) {
      out[i] = Object.hasOwn(value, i) ? copyOwn(value[i], seen, shadow) : undefined;
    }
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = Object.create(null);
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    out[key] = copyOwn((value as Record<string, unknown>)[key], seen, shadow);
  }
  // A polluted name the object lacks is shadowed by an own, non-enumerable `undefined`: a schema
  // then sees the field as absent-and-undefined (and gives its output the same own `undefined`),
  // and no `for…in` or `Object.keys` lists it.
  for (const key of shadow) {
    if (!Object.hasOwn(out, key)) {
      Object.defineProperty(out, key, { value: undefined, writable: true, configurable: true });
    }
  }
  return out;
}

/**
 * Whether `value` has the field `key` given: an own property whose value is not `undefined` (as
 * zod reads optional fields). The one test of a field's presence, used to tell input forms apart.
 *
 * @internal
 */
export function hasField(value: unknown, key: PropertyKey): boolean {
  return ownField(value, key) !== undefined;
}

/**
 * An object with no fields and no prototype: the default of an omitted options object, so that
 * reading a field of the default never finds an inherited value.
 *
 * @internal
 */
export const NO_FIELDS: Readonly<Record<string, undefined>> = Object.freeze(Object.create(null));
