import type { FastifyInstance, HTTPMethods } from 'fastify';

export interface InventoryRoute {
  method: string;
  url: string;
  /** Hidden from the OpenAPI document (pages, sign-in, the docs' own files). */
  hidden: boolean;
  publicPage: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for tests and tools that must cover all of them (fuzzing, the accessibility pass). */
    routeInventory: InventoryRoute[];
  }
}

/** Register before any route: records each route (method, URL) once per method. */
export function registerRouteInventory(app: FastifyInstance): void {
  const inventory: InventoryRoute[] = [];
  app.decorate('routeInventory', inventory);
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]) as HTTPMethods[];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      inventory.push({
        method,
        url: route.url,
        hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide),
        publicPage: Boolean(route.config?.publicPage),
      });
    }
  });
}
