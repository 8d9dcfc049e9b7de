/**
 * Deep freezing of exported constants, so that no caller can change what the library reads.
 *
 * @module
 */

/**
 * Freezes `value` and everything reachable from it through own properties (arrays, plain objects
 * and functions' own properties), and returns it with a deeply readonly type. Already frozen
 * objects are walked too, since `Object.freeze` is shallow. Use it on every exported constant: a
 * caller pushing into a built-in list or overwriting a template must not change a later result.
 *
 * @internal
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  freezeAll(value, new Set());
  return value as DeepReadonly<T>;
}

function freezeAll(value: unknown, seen: Set<unknown>): void {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return;
  if (seen.has(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor) freezeAll(descriptor.value, seen);
  }
  Object.freeze(value);
}

/** A type whose properties, at every depth, are readonly. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
