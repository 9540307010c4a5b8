// A refused SAML message. `reason` is the stable machine code for the Authentication Log,
// `detail` the exact cause for the server log; `message` is the generic text shown to people.
import { AppError } from "../errors";
import type { SamlStatus } from "./constants";

export type SamlErrorReason =
  | "malformed_request"
  | "doctype_forbidden"
  | "request_too_large"
  | "inflate_too_large"
  | "relay_state_too_long"
  | "unsigned_request"
  | "bad_signature"
  | "unsupported_algorithm"
  | "wrong_issuer"
  | "wrong_destination"
  | "stale_request"
  | "future_request"
  | "unregistered_acs"
  | "unsupported_binding"
  | "invalid_nameid_policy"
  | "replayed_request"
  // An upstream identity provider's Response (authentication sources, upstream.ts).
  | "upstream_denied"
  | "unsigned_response"
  | "missing_assertion"
  | "encrypted_assertion"
  | "wrong_in_response_to"
  | "wrong_recipient"
  | "wrong_audience"
  | "expired_assertion"
  | "assertion_not_yet_valid"
  | "replayed_response";

/** Where and how to answer with an error Response when the protocol calls for one. */
export interface SamlErrorReply {
  acsUrl: string;
  inResponseTo: string;
  relayState?: string;
  status: SamlStatus;
}

export const SAML_PUBLIC_MESSAGE = "The request from the application could not be accepted.";

export class SamlError extends AppError {
  readonly reason: SamlErrorReason;
  readonly detail: string;
  /** Set only when the request was otherwise valid and the SP should get an error Response. */
  readonly reply?: SamlErrorReply;

  constructor(reason: SamlErrorReason, detail: string, reply?: SamlErrorReply) {
    super("bad_request", SAML_PUBLIC_MESSAGE);
    this.name = "SamlError";
    this.reason = reason;
    this.detail = detail;
    this.reply = reply;
  }
}

export const isSamlError = (e: unknown): e is SamlError => e instanceof SamlError;
