// Errors that cross layers. `expose` says whether `message` may be shown to the caller;
// otherwise callers show a generic text and the cause goes to the log only.

export type ErrorCode =
  | "validation"
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "conflict"
  | "rate_limited"
  | "bad_request"
  | "internal";

const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  /** Field -> message, for validation errors shown beside form inputs. */
  readonly fieldErrors?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { expose?: boolean; fieldErrors?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.status = statusOf[code];
    this.expose = opts.expose ?? code !== "internal";
    this.fieldErrors = opts.fieldErrors;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export function validationError(
  fieldErrors: Record<string, string>,
  message = "Please correct the highlighted fields.",
): AppError {
  return new AppError("validation", message, { fieldErrors });
}
