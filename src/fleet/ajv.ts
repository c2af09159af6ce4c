// JSON Schema validation with the Ajv 8 that fastify already brings (through its schema compiler): one
// validator in the package rather than a second copy as a dependency of its own.
import { createRequire } from 'node:module';

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

type AjvClass = new (options: object) => { compile(schema: object): Validator };

let ajvClass: AjvClass | undefined;

/** A validator of `schema`; `verbose` so that an error can quote the description of the field at fault. */
export function compileSchema(schema: object): Validator {
  ajvClass ??= fastifysAjv();
  return new ajvClass({ allErrors: false, strict: false, verbose: true }).compile(schema);
}

function fastifysAjv(): AjvClass {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const fromCompiler = createRequire(fromFastify.resolve('@fastify/ajv-compiler'));
  return (fromCompiler('ajv') as { default: AjvClass }).default;
}
