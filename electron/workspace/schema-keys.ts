/**
 * Which keys the schema allows at a place in the file, so an unknown key can be answered with the list of allowed
 * ones and the closest match. Zod reports only the unrecognized key; the allowed set comes from walking the schema
 * along the same path the data took.
 */
import { type z } from 'zod';
import { type FieldPath } from './locate';

type Schema = z.core.$ZodType;

/** The keys allowed in the mapping at `path`, or undefined when the schema there is not a fixed-key mapping. */
export function allowedKeysAt(root: Schema, path: FieldPath, data: unknown): string[] | undefined {
  let schemas: Schema[] = [root];
  let value = data;
  for (const segment of path) {
    const next: Schema[] = [];
    for (const schema of schemas) {
      for (const option of objectLike(schema, value)) next.push(...childSchemas(option, segment));
    }
    schemas = next;
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
    if (schemas.length === 0) return undefined;
  }
  const keys = new Set<string>();
  for (const schema of schemas) {
    for (const option of objectLike(schema, value)) {
      const def = option._zod.def;
      if (def.type === 'object') for (const key of Object.keys((def as z.core.$ZodObjectDef).shape)) keys.add(key);
    }
  }
  return keys.size > 0 ? [...keys] : undefined;
}

/**
 * The schemas a value meets after unwrapping optional/default/pipe and choosing among union options: the options
 * whose keys best cover the data's keys (a health check with `http:` is an http check).
 */
function objectLike(schema: Schema, value: unknown): Schema[] {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  if (def.type !== 'union') return [inner];
  const options = (def as z.core.$ZodUnionDef).options.flatMap((option) => objectLike(option, value));
  if (!isRecord(value)) return options;
  const dataKeys = Object.keys(value);
  const score = (option: Schema): number => {
    const optionDef = option._zod.def;
    if (optionDef.type !== 'object') return -1;
    const shape = (optionDef as z.core.$ZodObjectDef).shape;
    return dataKeys.filter((key) => key in shape).length;
  };
  const best = Math.max(...options.map(score));
  return options.filter((option) => score(option) === best);
}

function childSchemas(schema: Schema, segment: string | number): Schema[] {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const child = (def as z.core.$ZodObjectDef).shape[String(segment)];
      return child ? [child] : [];
    }
    case 'record':
      return [(def as z.core.$ZodRecordDef).valueType];
    case 'array':
      return [(def as z.core.$ZodArrayDef).element];
    default:
      return [];
  }
}

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = current._zod.def;
    if (
      def.type === 'optional' ||
      def.type === 'default' ||
      def.type === 'prefault' ||
      def.type === 'nullable' ||
      def.type === 'readonly' ||
      def.type === 'catch' ||
      def.type === 'nonoptional'
    ) {
      current = (def as z.core.$ZodOptionalDef).innerType;
    } else if (def.type === 'pipe') {
      current = (def as z.core.$ZodPipeDef).in;
    } else if (def.type === 'lazy') {
      current = (def as z.core.$ZodLazyDef).getter();
    } else {
      return current;
    }
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
