// The request validators of the cloud's routes, each compiled by fastify's own Ajv compiler when its route
// first validates a request, not when the server starts: the Ajv instance and its 19 compiled schemas were
// about 0.2–0.3 s of CPU in every start of a cloud, and so of every `timeclock run` with its embedded
// cloud, whose clock may never be asked for a page. The validators are the same, with the same errors.
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

/** A validator as fastify calls it: Ajv's, given its parent so that coerceTypes can replace a root value. */
type Validate = ((data: unknown, context?: object) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Compile = (route: { schema: unknown; method?: string; url?: string; httpPart?: string }) => Validate;
type BuildValidator = (externalSchemas: unknown, ajvOptions: unknown) => Compile;
/** fastify's `schemaController.compilersFactory.buildValidator`, as its types name it. */
type FastifyBuildValidator = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'];

/** The @fastify/ajv-compiler fastify itself depends on, made as fastify makes its default. */
function fastifyAjvCompiler(): BuildValidator {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const { AjvCompiler } = fromFastify('@fastify/ajv-compiler') as { AjvCompiler: () => BuildValidator };
  return AjvCompiler();
}

/** A buildValidator for fastify's schemaController whose validators compile on their first call. */
export function lazyValidators(): FastifyBuildValidator {
  let build: BuildValidator | undefined;
  const lazyBuild: BuildValidator = (externalSchemas, ajvOptions) => {
    let compile: Compile | undefined;
    return (route) => {
      let validate: Validate | undefined;
      const lazy: Validate = (data, context) => {
        validate ??= (compile ??= (build ??= fastifyAjvCompiler())(externalSchemas, ajvOptions))(route);
        const valid = validate(data, context);
        lazy.errors = validate.errors;
        return valid;
      };
      // Ajv's validators carry one: fastify then passes the request as the parent of the value.
      lazy.schemaEnv = true;
      return lazy;
    };
  };
  // fastify's types want Ajv's own function type (with its schema), which only the real compile returns.
  return lazyBuild as unknown as FastifyBuildValidator;
}
