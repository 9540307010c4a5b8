// Reason codes written to the Authentication Log, with the labels the console shows.
// Codes are stable machine values (stored in AuthLog.reason); a code this list does not
// know yet (a newer sign-in step) is still shown and filterable, with a label made from it.

export const AUTH_LOG_RESULTS = ["SUCCESS", "DENIED", "FAILURE"] as const;
export type AuthLogResult = (typeof AUTH_LOG_RESULTS)[number];

export const RESULT_LABELS: Record<AuthLogResult, string> = {
  SUCCESS: "Success",
  DENIED: "Denied",
  FAILURE: "Failure",
};

/** Known reason codes and their labels, grouped as the sign-in flow writes them. */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  // Successes
  valid_password: "Valid password",
  sso_session: "Single sign-on session",
  logout: "Signed out (single logout)",
  valid_passcode: "Valid passcode",
  bypass_code: "Valid bypass code",
  valid_webauthn: "Valid security key or passkey",
  user_marked_bypass: "User in Bypass status",
  policy_bypass: "Policy bypassed two-factor authentication",
  allow_unenrolled_user: "Allowed unenrolled user",
  new_enrollment: "Enrolled an authenticator",
  remembered_device: "Remembered device",
  authorized_network: "Authorized network",
  // Self-service portal
  authenticator_added: "Added an authenticator",
  authenticator_renamed: "Renamed an authenticator",
  authenticator_removed: "Removed an authenticator",
  last_authenticator_kept: "Refused to remove the last authenticator",
  // Denials
  user_disabled: "User disabled",
  locked_out: "User locked out",
  user_not_in_permitted_group: "User not in permitted group",
  policy_denied: "Denied by policy",
  new_user_denied: "Unenrolled user denied",
  no_allowed_factor: "No allowed authentication method",
  endpoint_not_trusted: "Endpoint not trusted",
  endpoint_compromised: "Endpoint compromised (Cisco Secure Endpoint)",
  network_not_authorized: "Network not authorized",
  // Failures: credentials and factors
  invalid_password: "Invalid password",
  unknown_user: "Unknown user",
  invalid_passcode: "Invalid passcode",

  invalid_bypass_code: "Invalid bypass code",
  invalid_webauthn: "Security key or passkey not accepted",
  user_mistake: "Passkey prompt cancelled",
  // Failures: the SAML request
  unknown_application: "Unknown application",
  application_not_configured: "Application not configured",
  no_login_transaction: "No sign-in in progress",
  no_passive: "Passive sign-in not possible",
  malformed_request: "Malformed SAML request",
  doctype_forbidden: "SAML request with a DOCTYPE",
  request_too_large: "SAML request too large",
  inflate_too_large: "SAML request too large after inflating",
  relay_state_too_long: "RelayState too long",
  unsigned_request: "Unsigned SAML request",
  bad_signature: "Invalid SAML signature",
  unsupported_algorithm: "Unsupported signature algorithm",
  wrong_issuer: "Wrong SAML issuer",
  wrong_destination: "Wrong SAML destination",
  stale_request: "SAML request too old",
  future_request: "SAML request from the future",
  unregistered_acs: "Unregistered Assertion Consumer Service",
  unsupported_binding: "Unsupported SAML binding",
  invalid_nameid_policy: "Unsupported NameID policy",
  replayed_request: "Replayed SAML request",
  unexpected_logout_response: "Unexpected logout response",
  logout_partial: "Signed out; some applications did not confirm",
};

export const REASON_CODE_PATTERN = /^[a-z0-9_]{1,64}$/;

/** The label for a reason code: the known one, or the code in words. */
export function reasonLabel(code: string): string {
  const known = REASON_LABELS[code];
  if (known) return known;
  const words = code.replace(/_/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

export const FACTOR_LABELS: Readonly<Record<string, string>> = {
  password: "Password",
  pwd: "Password",
  totp: "Authenticator app passcode",
  webauthn: "Security key or passkey",
  bypass_code: "Bypass code",
  sso_session: "Single sign-on session",
};

export function factorLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return FACTOR_LABELS[code] ?? reasonLabel(code);
}

/** Options for the reason filter: every known code plus any other code present, by label. */
export function reasonOptions(present: readonly string[] = []): { value: string; label: string }[] {
  const codes = new Set([...Object.keys(REASON_LABELS), ...present.filter((c) => REASON_CODE_PATTERN.test(c))]);
  return [...codes]
    .map((value) => ({ value, label: reasonLabel(value) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}
