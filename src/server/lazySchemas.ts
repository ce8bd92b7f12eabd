import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify compiles every route's validators (Ajv) and response serializers (fast-json-stringify) when the server
 * starts: for this portal's few hundred routes (pages in three languages, the API) that was most of the start's CPU
 * (profiled: ~9 s of a 31 s start on a loaded 2-core machine, more than loading every module). These compilers
 * are Fastify's own, compiling each schema on its first use instead: a start compiles nothing, a route's first
 * request compiles its schemas (milliseconds), every later request uses the compiled function as before. The
 * behaviour of validation and serialization is unchanged (same compilers, same options).
 */
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
// Fastify's own dependencies, resolved from Fastify itself: always the versions it would use by default.
const AjvCompiler = fromFastify('@fastify/ajv-compiler') as () => CompilerFactory;
const SerializerSelector = fromFastify('@fastify/fast-json-stringify-compiler') as () => CompilerFactory;

type Compiled = ((data: unknown) => unknown) & { errors?: unknown };
type Compile = (routeSchema: unknown) => Compiled;
type CompilerFactory = (externalSchemas: unknown, options: unknown) => Compile;

/** Counts compilations (for the test that a start compiles nothing). */
export const schemaCompilations = { validators: 0, serializers: 0 };

function lazy(factory: CompilerFactory, kind: keyof typeof schemaCompilations): CompilerFactory {
  return (externalSchemas, options) => {
    let compile: Compile | undefined;
    return (routeSchema) => {
      let fn: Compiled | undefined;
      const run: Compiled = (data) => {
        if (!fn) {
          compile ??= factory(externalSchemas, options);
          fn = compile(routeSchema);
          schemaCompilations[kind] += 1;
        }
        const result = fn(data);
        // Ajv reports a failed validation's errors on the function itself; Fastify reads them from the one it holds.
        run.errors = fn.errors;
        return result;
      };
      return run;
    };
  };
}

/** The `schemaController` option for Fastify: its default compilers, compiling on first use. */
export function lazySchemaController(): FastifyServerOptions['schemaController'] {
  // The compiled functions are what Fastify's types call them (Ajv's ValidateFunction); these are their stand-ins.
  const compilersFactory = { buildValidator: lazy(AjvCompiler(), 'validators'), buildSerializer: lazy(SerializerSelector(), 'serializers') };
  return { compilersFactory } as unknown as FastifyServerOptions['schemaController'];
}
