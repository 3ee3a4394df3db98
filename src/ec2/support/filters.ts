// Describe* filters as EC2 applies them: `Filter.N.Name` with `Filter.N.Value.M`; an item passes when, for every
// filter, one of its values matches one of the filter's values (values may use the wildcards * and ?). Besides each
// operation's own names, every taggable resource has `tag:<key>`, `tag-key` and `tag-value`. An unknown name is
// refused with InvalidParameterValue, as EC2 does.
import { invalidFilter } from '../../domain/network/ec2-errors.js';
import type { Tag } from '../../domain/tags.js';
import { str, strList, structList, type QueryParams } from './query-params.js';

type FieldValue = string | number | boolean | undefined;
export type FilterFields<T> = Record<string, (item: T) => FieldValue | readonly FieldValue[]>;

export interface Filter {
  name: string;
  values: string[];
}

/** The request's filters (the list is `Filter` in every operation here). */
export function filtersOf(params: QueryParams): Filter[] {
  return structList(params, 'Filter').map((f) => ({ name: str(f, 'Name') ?? '', values: strList(f, 'Value') }));
}

function pattern(value: string): RegExp {
  const escaped = value
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

function valuesOf<T>(item: T, name: string, fields: FilterFields<T>, tags: (item: T) => readonly Tag[] | undefined): FieldValue[] | null {
  if (name.startsWith('tag:')) return (tags(item) ?? []).filter((t) => t.key === name.slice(4)).map((t) => t.value);
  if (name === 'tag-key') return (tags(item) ?? []).map((t) => t.key);
  if (name === 'tag-value') return (tags(item) ?? []).map((t) => t.value);
  const field = fields[name];
  if (!field) return null;
  const v = field(item);
  return Array.isArray(v) ? [...v] : [v as FieldValue];
}

export function applyFilters<T>(
  items: readonly T[],
  filters: readonly Filter[],
  fields: FilterFields<T>,
  tags: (item: T) => readonly Tag[] | undefined,
): T[] {
  for (const f of filters) {
    const taggable = f.name.startsWith('tag:') || f.name === 'tag-key' || f.name === 'tag-value';
    if (!fields[f.name] && !taggable) throw invalidFilter(f.name);
  }
  return items.filter((item) =>
    filters.every((f) => {
      const have = (valuesOf(item, f.name, fields, tags) ?? []).filter((v) => v !== undefined).map(String);
      const wanted = f.values.map(pattern);
      return have.some((v) => wanted.some((w) => w.test(v)));
    }),
  );
}
