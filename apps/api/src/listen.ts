/** Starts listening, and explains a failure of `listen` by the variable that caused it. */
import { ConfigError, type ApiConfig } from './config.ts';

/** The settings that `listen` uses. */
type Endpoint = Pick<ApiConfig, 'host' | 'port'>;

/** Explanation of a failed `listen` or host name lookup, the cause and the fix, by system error code. */
const EXPLANATION_BY_CODE: Record<string, string> = {
  EADDRINUSE: 'the port is already in use (EADDRINUSE); stop the process that listens on it, or set PORT to a free port, or to 0 to let the system choose one',
  EACCES: 'permission denied (EACCES); ports below 1024 usually need root, so set PORT to 1024 or above, or to 0 to let the system choose one',
  EADDRNOTAVAIL: "the address is not one of this machine's (EADDRNOTAVAIL); set HOST to an address of this machine, such as 127.0.0.1",
  ENOTFOUND: 'the resolver found no address for the host name (ENOTFOUND); set HOST to an IP address of this machine, such as 127.0.0.1, or to a name that resolves to one',
  EAI_AGAIN: 'the host name lookup failed temporarily (EAI_AGAIN); retry when the resolver answers, or set HOST to an IP address, such as 127.0.0.1',
};

/**
 * Returns one line that names HOST and PORT, what failed and what to do. Returns undefined for an
 * error that no setting explains.
 */
export function explainListenError(error: unknown, endpoint: Endpoint): string | undefined {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string' || !Object.hasOwn(EXPLANATION_BY_CODE, code)) return undefined;
  return `Cannot listen on HOST "${endpoint.host}" and PORT ${endpoint.port}: ${EXPLANATION_BY_CODE[code]}`;
}

/**
 * Listens on `endpoint` and returns the address, like Fastify's `listen`.
 *
 * @throws {ConfigError} when a setting made `listen` fail, with the message of `explainListenError`.
 */
export async function listenOrExplain(
  app: { listen(options: Endpoint): Promise<string> },
  endpoint: Endpoint,
): Promise<string> {
  try {
    return await app.listen({ host: endpoint.host, port: endpoint.port });
  } catch (error) {
    const message = explainListenError(error, endpoint);
    if (message === undefined) throw error;
    throw new ConfigError(message, { cause: error });
  }
}
