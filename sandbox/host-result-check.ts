// Runs INSIDE the isolate (bundled into host-api.ts): tells a macro precisely why its result is
// not plain JSON data, before anything is copied out. It is a courtesy and a first line: the host
// still parses the JSON it receives and validates it with zod, which is the real guarantee.

const MAX_DEPTH = 64;

/** Returns a checker naming the first non-plain part of a value, or undefined when it is plain data. */
export function createResultCheck(): (value: unknown) => string | undefined {
  // Captured now, before macro code runs, so a macro cannot rewire the checker through globals.
  const { getPrototypeOf, getOwnPropertyDescriptor, hasOwn } = Object;
  const { isArray } = Array;
  const { ownKeys } = Reflect;
  const objectProto = Object.prototype;
  const arrayProto = Array.prototype;
  const finite = Number.isFinite;

  // ancestors[0..depth) holds the objects above this one: a repeat there is a cycle.
  const ancestors: object[] = [];

  function check(value: unknown, path: string, depth: number): string | undefined {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return undefined;
      case 'number':
        return finite(value) ? undefined : `${path} is ${value}, not a finite number`;
      case 'object':
        if (value === null) return undefined;
        return checkObject(value, path, depth);
      default:
        return `${path} is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`;
    }
  }

  function checkObject(value: object, path: string, depth: number): string | undefined {
    if (depth >= MAX_DEPTH) return `${path} nests deeper than ${MAX_DEPTH} levels`;
    for (let i = 0; i < depth; i++) {
      if (ancestors[i] === value) return `${path} refers back to itself (cyclic data)`;
    }
    ancestors[depth] = value;
    const proto: unknown = getPrototypeOf(value);
    if (isArray(value)) return proto === arrayProto ? checkArray(value, path, depth + 1) : `${path} is not a plain array`;
    if (proto !== objectProto && proto !== null) return `${path} is ${describeInstance(proto)}, not a plain object`;
    const keys = ownKeys(value);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string | symbol;
      if (typeof key === 'symbol') return `${path} has a symbol key`;
      if (key === '__proto__') return `${path} has a "__proto__" key`;
      const descriptor = getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      if (hasOwn(descriptor, 'get') || hasOwn(descriptor, 'set')) return `${path}.${key} is a getter or setter`;
      // An undefined property is dropped by JSON, as an optional field left unset.
      if (descriptor.value === undefined) continue;
      const problem = check(descriptor.value, `${path}.${key}`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  function checkArray(value: unknown[], path: string, depth: number): string | undefined {
    for (let i = 0; i < value.length; i++) {
      const descriptor = getOwnPropertyDescriptor(value, i);
      if (descriptor === undefined) return `${path}[${i}] is a hole in a sparse array`;
      if (hasOwn(descriptor, 'get') || hasOwn(descriptor, 'set')) return `${path}[${i}] is a getter or setter`;
      const problem = check(descriptor.value, `${path}[${i}]`, depth);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  function describeInstance(proto: unknown): string {
    try {
      const ctor: unknown = (proto as { constructor?: unknown }).constructor;
      const name: unknown = typeof ctor === 'function' ? ctor.name : undefined;
      return typeof name === 'string' && name !== '' ? `a ${name} instance` : 'an object with a custom prototype';
    } catch {
      return 'an object with a custom prototype';
    }
  }

  return (value) => (value === undefined ? 'the hook returned nothing (undefined)' : check(value, 'result', 0));
}
