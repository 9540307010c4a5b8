// The administrator's words for why a SAML message was refused: what happened and what to
// change. The exact detail from lib/saml follows the sentence.
const HINTS: Record<string, string> = {
  malformed_request: "The message is not a valid SAML message.",
  doctype_forbidden: "The message contains a DOCTYPE or entity declaration, which is never accepted.",
  request_too_large: "The message is larger than Portcullis accepts (64 KiB encoded).",
  inflate_too_large: "The message inflates to more than 128 KiB.",
  relay_state_too_long: "The RelayState is longer than the 80 bytes SAML allows.",
  unsigned_request:
    "The message is not signed, but this application requires signed requests (SAML Response > Require signed AuthnRequests).",
  bad_signature:
    "The signature does not verify with the service provider's certificates. Import the SP's current metadata, or add its new certificate under SAML Response.",
  unsupported_algorithm: "The message is signed with an algorithm Portcullis does not accept (SHA-1 or unknown).",
  wrong_issuer:
    "The Issuer is not this application's SP Entity ID. Check the Entity ID under Service Provider (or import the SP's metadata).",
  wrong_destination: "The Destination is not this application's endpoint: the SP uses another application's URLs.",
  stale_request: "The message is too old (IssueInstant or NotOnOrAfter): check the SP's clock.",
  future_request: "The message is dated in the future: check the SP's clock.",
  unregistered_acs:
    "The SP asked for an Assertion Consumer Service URL that is not registered. Add it under Service Provider (or import the SP's metadata).",
  unsupported_binding: "The SP asked for a response binding other than HTTP-POST.",
  invalid_nameid_policy: "",
  replayed_request: "This message ID was seen before: a replay, or the browser resent the request.",
  logout_refused:
    "An unsigned LogoutRequest that the browser's own SSO session does not back: no session was ended. Sign the SP's LogoutRequests (and register its certificate) to let it end sessions on its own.",
  unexpected_logout_response: "A LogoutResponse arrived that answers no logout request Portcullis sent.",
  unknown_application: "No application has this key.",
  application_not_configured: "The application has no SP Entity ID or ACS URL yet.",
};

/** "<what it means>. (<exact detail>)" for a refusal reason code. */
export function explainRefusal(reasonCode: string, detail: unknown): string {
  const exact = typeof detail === "string" ? detail : detail === undefined ? "" : JSON.stringify(detail);
  const hint = HINTS[reasonCode];
  // NameID refusals are explained completely by lib/saml (the formats asked for and answered).
  if (!hint) return exact || reasonCode;
  return exact ? `${hint} (${exact})` : hint;
}
