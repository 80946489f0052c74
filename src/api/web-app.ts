import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

/**
 * First path segments of the web app's client-side routes (web/src/routes.tsx). None is an API
 * path (a test checks them against the OpenAPI document), so the API's answers stay as they were.
 */
export const WEB_ROUTE_ROOTS: readonly string[] = ['', 'masuk', 'atur-sandi', 'kasus', 'orang', 'tugas', 'pengawasan', 'auditor', 'admin', 'akun', 'laporan'];

/** Whether a GET asks for a page of the web app: an HTML request to one of its client-side routes. */
export function isWebRoute(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!(req.headers.accept ?? '').includes('text/html')) return false;
  return WEB_ROUTE_ROOTS.includes(req.path.split('/')[1] ?? '');
}

/**
 * Serves the built web app (web/dist) from the API process: hashed assets (cached for a year, they
 * hold no data), the few files of the root, and index.html for every client-side route. Nothing is
 * served when the folder is missing (a build without the web app).
 */
export function installWebApp(app: NestExpressApplication, webDir: string): boolean {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) return false;
  app.use('/assets', express.static(join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/favicon.svg') return res.sendFile(join(webDir, 'favicon.svg'));
    if (!isWebRoute(req)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    return res.sendFile(index);
  });
  return true;
}
