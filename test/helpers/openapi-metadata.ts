import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwaggerModule } from '@nestjs/swagger';
import { projectRoot } from '../../src/config/app-config';

/** The options `nest build` gives the @nestjs/swagger plugin (nest-cli.json, the one place they live). */
function swaggerPluginOptions(): Record<string, unknown> {
  const cli = JSON.parse(readFileSync(join(projectRoot(), 'nest-cli.json'), 'utf8')) as { compilerOptions: { plugins: { name: string; options: Record<string, unknown> }[] } };
  return cli.compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger')?.options ?? {};
}

// Runs in plain Node: the TypeScript compiler is several times slower inside Jest's module sandbox.
// outDir = rootDir = the project, so the generated imports point at the sources, not at dist/.
const GENERATE = `
const [dir, root, options] = process.argv.slice(1);
const { PluginMetadataGenerator } = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');
new PluginMetadataGenerator().generate({
  visitors: [new ReadonlyVisitor({ ...JSON.parse(options), pathToSource: dir, outDir: root, rootDir: root })],
  outputDir: dir,
  filename: 'metadata.ts',
  tsconfigPath: 'tsconfig.build.json',
  printDiagnostics: false,
});`;

/**
 * `nest build` runs the @nestjs/swagger compiler plugin, which adds DTO properties, their
 * class-validator constraints (patterns, bounds) and JSDoc to the OpenAPI document; ts-jest compiles
 * without it. This generates the same metadata from the sources (~12 s) and loads it, so that a test
 * reads the document production serves. Call before the app builds its document.
 */
export async function loadBuildTimeOpenApiMetadata(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sinergi-openapi-'));
  try {
    execFileSync(process.execPath, ['-e', GENERATE, dir, projectRoot(), JSON.stringify(swaggerPluginOptions())], { cwd: projectRoot(), stdio: 'ignore' });
    const generated = (await import(join(dir, 'metadata.ts'))) as { default: () => Promise<Record<string, unknown>> };
    await SwaggerModule.loadPluginMetadata(generated.default);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
