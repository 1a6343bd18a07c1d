/**
 * Checks that Fastify and the plugin use one request id per request. Fastify binds `request.id` to
 * the request's child logger before any hook runs, so when Fastify makes an id of its own, its log
 * lines keep that id even after the plugin replaces `request.id` with the contract's id.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorLogger } from '../log.ts';

/** The fix that both messages give. */
const FIX =
  'Spread errorsServerOptions() last in the Fastify factory options, so that Fastify uses its genReqId, ' +
  'and set no genReqId or requestIdHeader of your own, nor call setGenReqId(). To make ids your own way, pass ' +
  'generateRequestId to createAgnesRenderer() and give that renderer to both errorsServerOptions() and errorsPlugin';

/**
 * Returns the error that fails registration when the factory options set `requestIdHeader`, or
 * `undefined`. Fastify then takes any value of that header, unchecked, as the id of its log lines,
 * while the contract keeps only a valid `X-Request-Id`. Fastify 5 reports the option in
 * `initialConfig` as `false` when unset and as the lowercased header name otherwise (`true` is
 * `'request-id'`).
 */
export function requestIdHeaderError(fastify: FastifyInstance): Error | undefined {
  const header = fastify.initialConfig.requestIdHeader;
  if (typeof header !== 'string') return undefined;
  return new Error(
    `errorsPlugin rejects the Fastify option requestIdHeader: "${header}". Fastify would log the raw "${header}" ` +
      'header as the request id, while the envelope and the X-Request-Id response header carry the contract\'s id, ' +
      'which is kept only from a valid inbound X-Request-Id. Remove requestIdHeader. ' +
      FIX,
  );
}

const SECOND_ID_MESSAGE =
  'Fastify\'s id of this request differs from the contract\'s id (request_id), which the envelope, the ' +
    'X-Request-Id header and request.id carry, and Fastify\'s log lines of such requests keep their own id. ' +
    'That id comes from a genReqId option or a setGenReqId() call other than that of errorsServerOptions(), ' +
    'or from Fastify\'s default counter (req-1, req-2, ...) when the factory options lack errorsServerOptions(). ' +
    FIX +
    '. This warning is logged once per Fastify instance';

/**
 * Creates the warning of a request whose Fastify id differs from the contract's id. It logs once,
 * and later calls do nothing. Without a plugin `logger`, it goes to the request's logger at warn
 * level, and its line carries Fastify's id under `reqId` (or the instance's `requestIdLogLabel`).
 * With one, it goes to that logger at error level, because `ErrorLogger` has no warn level and
 * loggers set to warn drop info lines. The warning is logged once per instance, so error level does
 * not flood the log, and the line then carries Fastify's id under `fastify_request_id`.
 */
export function createSecondIdWarning(logger: ErrorLogger | undefined): (request: FastifyRequest, contractId: string) => void {
  let warned = false;
  return (request, contractId) => {
    if (warned) return;
    warned = true;
    if (logger === undefined) request.log.warn({ request_id: contractId }, SECOND_ID_MESSAGE);
    else logger.error({ request_id: contractId, fastify_request_id: request.id }, SECOND_ID_MESSAGE);
  };
}
