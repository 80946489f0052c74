import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { WEB_ROUTE_ROOTS } from '../../src/api/web-app';
import { projectRoot } from '../../src/config/app-config';
import { loadBuildTimeOpenApiMetadata } from '../helpers/openapi-metadata';
import { startApi } from '../helpers/system';
import { testConfig } from '../helpers/test-config';

const HTML = 'text/html,application/xhtml+xml';

/** The API serves the built web app at / (a stand-in build here) and answers on its own routes exactly as before. */
describe('the web app served by the API', () => {
  let api: INestApplication;
  let webDir: string;
  let spec: { paths: Record<string, unknown> };

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'sinergi-web-dist-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await loadBuildTimeOpenApiMetadata(); // the descriptions the Nest CLI plugin adds to a build
    api = await startApi(testConfig({ SINERGI_WEB_DIR: webDir }));
    spec = (await request(api.getHttpServer()).get('/docs/openapi.json').expect(200)).body as typeof spec;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers index.html for the client-side routes a browser asks for', async () => {
    for (const path of ['/', '/masuk', '/kasus', '/kasus/4f1c0d7e-0000-4000-8000-000000000000', '/tugas', '/auditor/jejak', '/admin/pengguna?x=1']) {
      const res = await request(api.getHttpServer()).get(path).set('accept', HTML);
      expect([path, res.status, res.headers['content-type']]).toEqual([path, 200, expect.stringContaining('text/html')]);
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year and the favicon', async () => {
    const asset = await request(api.getHttpServer()).get('/assets/index-abc.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(api.getHttpServer()).get('/favicon.svg').expect(200);
  });

  it("leaves the API's own routes, /docs and /health as they were, even for a browser", async () => {
    const cases = await request(api.getHttpServer()).get('/cases').set('accept', HTML).expect(401);
    expect(cases.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    await request(api.getHttpServer()).get('/health').set('accept', HTML).expect(200);
    expect((await request(api.getHttpServer()).get('/docs/').set('accept', HTML)).text).toContain('swagger');
    const unknown = await request(api.getHttpServer()).get('/no-such-page').set('accept', HTML).expect(404);
    expect(unknown.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    // A client-side route asked for as JSON is the API's 404, not the page.
    await request(api.getHttpServer()).get('/kasus').set('accept', 'application/json').expect(404);
  });

  it('has client-side routes that no API path starts with, each of them served (web/src/routes.tsx and WEB_ROUTE_ROOTS agree)', () => {
    const apiRoots = new Set(Object.keys(spec.paths).map((path) => path.split('/')[1]));
    expect(WEB_ROUTE_ROOTS.filter((root) => apiRoots.has(root))).toEqual([]);
    const routes = readFileSync(join(projectRoot(), 'web', 'src', 'routes.tsx'), 'utf8');
    const roots = [...routes.matchAll(/path: '([^']*)'/g)].map((m) => (m[1] as string).replace(/^\//, '').split('/')[0] as string).filter((root) => root !== '*');
    expect([...new Set(roots)].sort()).toEqual([...WEB_ROUTE_ROOTS].sort());
  });

  it("has its typed API client generated from this document (npm run web:api-types when this fails)", () => {
    const file = join(webDir, 'openapi.json');
    writeFileSync(file, JSON.stringify(spec));
    const generated = spawnSync(join(projectRoot(), 'node_modules', '.bin', 'openapi-typescript'), [file, '-o', join(webDir, 'schema.d.ts')], { encoding: 'utf8' });
    expect(generated.status).toBe(0);
    expect(readFileSync(join(webDir, 'schema.d.ts'), 'utf8')).toEqual(readFileSync(join(projectRoot(), 'web', 'src', 'api', 'schema.d.ts'), 'utf8'));
  });
});
