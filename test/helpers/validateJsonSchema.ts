/** The subset of JSON Schema the project's schemas use. */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  items?: Schema;
  minimum?: number;
  enum?: unknown[];
}

const TYPE_CHECKS: Record<NonNullable<Schema['type']>, (v: unknown) => boolean> = {
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  array: Array.isArray,
  string: (v) => typeof v === 'string',
  integer: Number.isInteger,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
};

/**
 * A tiny JSON Schema validator for tests (type, required, properties, additionalProperties,
 * items, minimum, enum). Returns the problems found as `path: message`; empty when valid.
 */
export function validateJsonSchema(value: unknown, schema: Schema, path = '$'): string[] {
  if (schema.type && !TYPE_CHECKS[schema.type](value)) return [`${path}: expected ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: not one of ${JSON.stringify(schema.enum)}`];
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) return [`${path}: below ${schema.minimum}`];
  if (Array.isArray(value) && schema.items) return value.flatMap((item, i) => validateJsonSchema(item, schema.items!, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const record = value as Record<string, unknown>;
  return [
    ...(schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}: missing ${key}`),
    ...Object.keys(record)
      .filter((key) => schema.additionalProperties === false && !(key in (schema.properties ?? {})))
      .map((key) => `${path}: unexpected ${key}`),
    ...Object.entries(schema.properties ?? {}).flatMap(([key, sub]) => (key in record ? validateJsonSchema(record[key], sub, `${path}.${key}`) : [])),
  ];
}
