import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Paths the SPA never answers: the API and the operational endpoints keep their own 404s. */
export const NON_SPA_PREFIXES = ['/api', '/healthz', '/readyz', '/metrics', '/feed', '/socket.io'];

const isReserved = (path: string) => NON_SPA_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
const TOP_LEVEL_FILE = /^\/([A-Za-z0-9._-]+\.[A-Za-z0-9]+)$/;

/**
 * Serves the built web app (apps/web/dist) at `/`: hashed bundles under /assets/ with a long cache,
 * top-level files such as favicon.ico as they are, and index.html for every other GET so that
 * client-side routes (/findings/42) survive a reload. Does nothing when `distDir` has no index.html
 * (the API-only server, or a checkout where the web app was not built). Returns whether it registered.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<boolean> {
  const root = resolve(distDir);
  if (!existsSync(join(root, 'index.html'))) return false;

  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader('cache-control', 'public, max-age=31536000, immutable'),
  });

  app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0];
    if (isReserved(path)) return reply.callNotFound();
    const file = TOP_LEVEL_FILE.exec(path)?.[1];
    if (file) {
      const full = join(root, file);
      if (existsSync(full) && statSync(full).isFile() && file !== 'index.html') {
        return reply.header('cache-control', 'public, max-age=3600').sendFile(file, root);
      }
      // A missing file is a 404, not the app: a browser asking for /logo.png must not get HTML.
      if (file !== 'index.html') return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', root);
  });
  return true;
}
