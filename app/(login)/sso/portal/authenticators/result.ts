// Where the portal's forms send the browser after a change: the portal with a message (or
// "Verify it's you first"), or the sign-in page when the change ended the session.
import type { PortalResult } from "@/lib/services/sign-in/portal-authenticators";

export function portalRedirect(r: PortalResult, retry?: string): string {
  if (r.ok) return r.signedOut ? "/sso/login?reauth=1" : `/sso/portal?msg=${r.message}`;
  if (r.error === "verify") return "/sso/portal?err=verify";
  if (r.error === "expired" && !retry) return "/sso/login";
  return `${retry ?? "/sso/portal"}${retry?.includes("?") ? "&" : "?"}err=${r.error}`;
}
