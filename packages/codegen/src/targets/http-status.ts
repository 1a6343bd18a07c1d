/**
 * Reason phrases of the HTTP error statuses, as the IANA HTTP Status Code
 * Registry lists them (RFC 9110, plus 428, 429, 431 and 511 from RFC 6585 and
 * 451 from RFC 7725). A fixed table keeps generated names the same on every
 * Node version, because `http.STATUS_CODES` has changed phrases over time.
 */
const REASON_PHRASE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  511: 'Network Authentication Required',
};

/** Returns the reason phrase of a status, or `undefined` for a status the registry does not name. */
export function reasonPhraseOf(status: number): string | undefined {
  return REASON_PHRASE_BY_STATUS[status];
}

/**
 * Name of the reusable OpenAPI response of a status: its reason phrase without
 * spaces, such as `TooManyRequests`, or `Status<NNN>` for an unnamed status.
 */
export function responseNameOf(status: number): string {
  const phrase = reasonPhraseOf(status);
  return phrase ? phrase.replace(/[^A-Za-z0-9]/g, '') : `Status${status}`;
}
