// JSON Schema validation with Ajv 8, the validator fastify itself compiles route schemas with: one
// compile step with the options every schema of the package is checked under.
import { Ajv } from 'ajv';

export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  parentSchema?: { description?: string };
}

export interface Validator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/**
 * A validator of `schema`; `verbose` so that an error can quote the description of the field at fault,
 * `allErrors` for a caller that wants every problem rather than the first.
 */
export function compileSchema(schema: object, options: { allErrors?: boolean } = {}): Validator {
  const ajv = new Ajv({ allErrors: options.allErrors ?? false, strict: false, verbose: true });
  return ajv.compile(schema) as Validator;
}
