/** Renders a fixture project in this process and parses the JSON artifacts. */
import type { ContractSnapshot, JsonSchemaDocument } from '../../src/index.ts';
import { loadConfig, loadRegistry, renderOutputs } from '../../src/index.ts';
import { writeFixtureProject, type FixtureProject, type FixtureSpec } from './fixture-project.ts';

/** The artifacts of a fixture project, as text and parsed. */
export interface RenderedFixture {
  project: FixtureProject;
  text: { schema: string; openapi: string; contract: string };
  schema: JsonSchemaDocument;
  openapi: OpenApiDocument;
  contract: ContractSnapshot;
}

/** The parts of an OpenAPI document that the tests read. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, unknown>;
  components: {
    schemas: Record<string, Record<string, any>>;
    responses: Record<string, any>;
    headers: Record<string, any>;
  };
}

/** Writes the fixture to `dir`, then renders schema, OpenAPI and contract without writing them. */
export async function renderFixture(dir: string, spec: FixtureSpec): Promise<RenderedFixture> {
  const project = await writeFixtureProject(dir, spec);
  const config = await loadConfig(project.config);
  const registry = await loadRegistry(config.registry, config.exportName);
  const files = renderOutputs(registry, config);
  const textOf = (file: string) => files.find((item) => item.path === file)!.content;
  const text = { schema: textOf(project.outputs.schema), openapi: textOf(project.outputs.openapi), contract: textOf(project.outputs.contract) };
  return {
    project,
    text,
    schema: JSON.parse(text.schema),
    openapi: JSON.parse(text.openapi),
    contract: JSON.parse(text.contract),
  };
}

/** The SDK modules of a fixture project, as text. */
export interface RenderedSdks {
  typescript: string;
  python: string;
}

/** Writes the fixture to `dir` with the `sdk-typescript` and `sdk-python` targets, then renders both without writing them. */
export async function renderFixtureSdks(dir: string, spec: FixtureSpec): Promise<RenderedSdks> {
  const configText = JSON.stringify({
    registry: './src/registry.ts',
    types: ['./src/*.ts'],
    outputs: { 'sdk-typescript': './out/errors.ts', 'sdk-python': './out/errors.py' },
  });
  const project = await writeFixtureProject(dir, { ...spec, configText });
  const config = await loadConfig(project.config);
  const files = renderOutputs(await loadRegistry(config.registry, config.exportName), config);
  const textOf = (name: string) => files.find((file) => file.path.endsWith(name))!.content;
  return { typescript: textOf('errors.ts'), python: textOf('errors.py') };
}
