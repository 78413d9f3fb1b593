// Runs INSIDE the isolate (bundled into host-api.ts). Hardens the context a macro runs in so one
// context can serve call after call without any call seeing another's data: every object reachable
// from the global object, and the intrinsics that are not (generator, iterator and typed-array
// prototypes), is frozen; RegExp's legacy statics (RegExp.$1, lastMatch, ...), which remember the
// last match across calls, are removed. What is left to a macro is its module's own state, and the
// module runs anew for every call. The same idea as Hardened JavaScript (SES lockdown + harden).

/**
 * Data properties of frozen prototypes that ordinary code overrides by assignment: `this.name = ...`
 * in an Error subclass, `obj.toString = ...`. Frozen as plain data properties they would throw
 * (JavaScript's "override mistake"), so they become accessors whose setter defines the property on
 * the object assigned to, and throws only when the assignment targets the prototype itself.
 */
const OVERRIDABLE: Record<string, readonly string[] | '*'> = {
  Object: '*',
  Function: ['constructor', 'bind', 'name', 'toString'],
  Error: ['constructor', 'message', 'name', 'toString'],
  EvalError: ['constructor', 'message', 'name'],
  RangeError: ['constructor', 'message', 'name'],
  ReferenceError: ['constructor', 'message', 'name'],
  SyntaxError: ['constructor', 'message', 'name'],
  TypeError: ['constructor', 'message', 'name'],
  URIError: ['constructor', 'message', 'name'],
  AggregateError: ['constructor', 'message', 'name'],
  Promise: ['constructor'],
  Array: ['constructor', 'toString'],
};

// V8's RegExp statics hold the last successful match: one order's email, readable by the next call.
const REGEXP_STATICS = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9', 'input', '$_', 'lastMatch', '$&', 'lastParen', '$+'];
const REGEXP_STATICS_MORE = ['leftContext', '$`', 'rightContext', "$'"];

/** Freezes everything a macro can reach in this context. Call once, after the host API is installed. */
export function lockdown(): void {
  const g = globalThis as unknown as Record<string, { prototype?: object } | undefined>;
  for (const name of [...REGEXP_STATICS, ...REGEXP_STATICS_MORE]) {
    if (!Reflect.deleteProperty(RegExp, name)) throw new TypeError(`cannot remove RegExp.${name}`);
  }
  for (const [name, keys] of Object.entries(OVERRIDABLE)) {
    const proto = g[name]?.prototype;
    if (proto !== undefined) enableOverride(proto, keys);
  }
  const roots: unknown[] = [globalThis, ...anonymousIntrinsics()];
  harden(roots);
}

/** Intrinsics not reachable by walking properties from the global object. */
function anonymousIntrinsics(): unknown[] {
  const proto = Object.getPrototypeOf;
  function* generator(): Generator<number> {
    yield 1;
  }
  async function* asyncGenerator(): AsyncGenerator<number> {
    yield 1;
  }
  const asyncFunction = async (): Promise<void> => undefined;
  const throwTypeError = (function strictArguments(..._: unknown[]): unknown {
    // biome-ignore lint/complexity/noArguments: the strict arguments object's callee accessor is %ThrowTypeError%
    return Reflect.getOwnPropertyDescriptor(arguments, 'callee')?.get;
  })();
  return [
    proto(generator), // %GeneratorFunction.prototype%, and through it %GeneratorPrototype%, %GeneratorFunction%
    proto(asyncGenerator),
    proto(asyncFunction),
    proto(asyncGenerator()), // %AsyncGeneratorPrototype% -> %AsyncIteratorPrototype%
    proto([][Symbol.iterator]()), // %ArrayIteratorPrototype% -> %IteratorPrototype%
    proto(new Map()[Symbol.iterator]()),
    proto(new Set()[Symbol.iterator]()),
    proto(''[Symbol.iterator]()),
    proto(/(?:)/[Symbol.matchAll]('')),
    proto(Int8Array), // %TypedArray%
    throwTypeError,
  ];
}

/** Object.freeze over the whole graph of properties, accessors and prototypes from the roots. */
function harden(roots: unknown[]): void {
  const seen = new Set<unknown>();
  const stack = [...roots];
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    Object.freeze(value);
    stack.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      if ('value' in descriptor) stack.push(descriptor.value);
      else stack.push(descriptor.get, descriptor.set);
    }
  }
}

function enableOverride(proto: object, keys: readonly string[] | '*'): void {
  const names = keys === '*' ? Reflect.ownKeys(proto).filter((k): k is string => typeof k === 'string') : keys;
  for (const name of names) {
    const descriptor = Reflect.getOwnPropertyDescriptor(proto, name);
    if (descriptor === undefined || !('value' in descriptor) || !descriptor.configurable) continue;
    const value: unknown = descriptor.value;
    Reflect.defineProperty(proto, name, {
      get: function getter() {
        return value;
      },
      set: function setter(this: unknown, next: unknown) {
        if (this === proto) throw new TypeError(`Cannot assign to read only property '${name}' of a shared prototype`);
        if (typeof this !== 'object' && typeof this !== 'function') return;
        if (this === null) return;
        if (Reflect.getOwnPropertyDescriptor(this, name) !== undefined) {
          (this as Record<string, unknown>)[name] = next;
          return;
        }
        if (!Reflect.defineProperty(this, name, { value: next, writable: true, enumerable: true, configurable: true })) {
          throw new TypeError(`Cannot add property ${name}, object is not extensible`);
        }
      },
      enumerable: descriptor.enumerable ?? false,
      configurable: false,
    });
  }
}
