// A consumer that loads both builds of the server package: the ESM renderer and Fastify adapter send
// an error that CommonJS code threw, so neither may depend on `instanceof` across the builds.
import { AgnesError, createAgnesRenderer, isContractError } from '@agnes/errors-server';
import { errorsPlugin } from '@agnes/errors-server/fastify';
import { fastify } from 'fastify';
import { denyPolicyDelete } from './cjs-thrower.cjs';

let thrown: unknown;
try {
  denyPolicyDelete();
} catch (error) {
  thrown = error;
}

const renderer = createAgnesRenderer();
const rendered = renderer.render(thrown, { requestId: 'mixed-builds' });

const app = fastify();
await app.register(errorsPlugin, { renderer });
app.delete('/policies/:id', async () => denyPolicyDelete());
const response = await app.inject({ method: 'DELETE', url: '/policies/7' });
await app.close();

console.log(
  JSON.stringify({
    instanceOfEsmClass: thrown instanceof AgnesError,
    isContractError: isContractError(thrown),
    renderer: { status: rendered.status, code: rendered.body.code },
    fastify: { status: response.statusCode, code: (response.json() as { code: string }).code },
  }),
);
