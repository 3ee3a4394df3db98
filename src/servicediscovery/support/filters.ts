// The Filters of ListNamespaces, ListServices and ListOperations: {Name, Values, Condition}. EQ (the default)
// takes one value, IN several, BEGINS_WITH one prefix, BETWEEN two epoch-second bounds (UPDATE_DATE).
import { invalidInput } from '../../domain/cloudmap/errors.js';
import { type Body, body, optEnum, optList, optStringList, reqEnum } from './input.js';

export type Condition = 'EQ' | 'IN' | 'BEGINS_WITH' | 'BETWEEN';

export interface Filter<N extends string> {
  name: N;
  values: string[];
  condition: Condition;
}

/** Reads `Filters`, allowing for each filter name the conditions listed. */
export function readFilters<N extends string>(b: Body, allowed: Readonly<Record<N, readonly Condition[]>>): Filter<N>[] {
  const names = Object.keys(allowed) as N[];
  return (optList(b, 'Filters') ?? []).map((raw) => {
    const f = body(raw);
    const name = reqEnum(f, 'Name', names);
    const values = optStringList(f, 'Values') ?? [];
    const condition = optEnum<Condition>(f, 'Condition', ['EQ', 'IN', 'BEGINS_WITH', 'BETWEEN']) ?? 'EQ';
    if (!allowed[name].includes(condition)) throw invalidInput(`Condition ${condition} is not supported for filter ${name}`);
    const count = condition === 'IN' ? values.length >= 1 : condition === 'BETWEEN' ? values.length === 2 : values.length === 1;
    if (!count) throw invalidInput(`Filter ${name} with condition ${condition} has the wrong number of values`);
    return { name, values, condition };
  });
}

export function matchesFilters<T, N extends string>(item: T, filters: readonly Filter<N>[], field: (item: T, name: N) => string): boolean {
  return filters.every((f) => {
    const v = field(item, f.name);
    switch (f.condition) {
      case 'EQ':
      case 'IN':
        return f.values.includes(v);
      case 'BEGINS_WITH':
        return v.startsWith(f.values[0]!);
      case 'BETWEEN': {
        const [from, to] = f.values.map(Number) as [number, number];
        const t = Number(v);
        return t >= from && t <= to;
      }
      default:
        return false;
    }
  });
}
