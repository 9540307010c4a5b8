// Duo's response envelopes and error codes (Admin API and Auth API):
//   success  200 {"stat":"OK","response":…[,"metadata":{…}]}
//   failure  4xx/5xx {"stat":"FAIL","code":40103,"message":"…"[,"message_detail":"…"]}
// The five-digit code starts with the HTTP status. Pure data: no I/O.

export class DuoApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "DuoApiError";
  }
}

export const missingCredentials = () => new DuoApiError(401, 40101, "Missing request credentials");
export const invalidIntegrationKey = () =>
  new DuoApiError(401, 40102, "Invalid integration key in request credentials");
export const invalidSignature = () => new DuoApiError(401, 40103, "Invalid signature in request credentials");
export const missingHeader = (name: string) => new DuoApiError(401, 40104, "Missing required request header", name);
export const invalidDate = () =>
  new DuoApiError(401, 40105, "Request date is not within the allowed time window", "Date");
export const invalidParameter = (name: string) => new DuoApiError(400, 40002, "Invalid request parameters", name);
export const duplicateResource = (name?: string) => new DuoApiError(400, 40003, "Duplicate resource", name);
export const forbidden = (detail?: string) => new DuoApiError(403, 40301, "Access forbidden", detail);
export const notFound = () => new DuoApiError(404, 40401, "Resource not found");
export const methodNotAllowed = () => new DuoApiError(405, 40501, "Method not allowed");
export const tooLarge = () => new DuoApiError(413, 41301, "Request entity too large");
export const internalError = () => new DuoApiError(500, 50000, "Internal server error");

export type Envelope =
  | { stat: "OK"; response: unknown; metadata?: Record<string, unknown> }
  | { stat: "FAIL"; code: number; message: string; message_detail?: string };

export function ok(response: unknown, metadata?: Record<string, unknown>): Envelope {
  return metadata ? { stat: "OK", response, metadata } : { stat: "OK", response };
}

export function fail(e: DuoApiError): Envelope {
  return e.detail !== undefined
    ? { stat: "FAIL", code: e.code, message: e.message, message_detail: e.detail }
    : { stat: "FAIL", code: e.code, message: e.message };
}
