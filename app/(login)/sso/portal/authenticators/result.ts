// Where the portal's forms send the browser after a change: the portal with a message.
import type { PortalResult } from "@/lib/services/sign-in/portal-authenticators";

export function portalRedirect(r: PortalResult, retry?: string): string {
  if (r.ok) return `/sso/portal?msg=${r.message}`;
  if (r.error === "expired" && !retry) return "/sso/login";
  return `${retry ?? "/sso/portal"}${retry?.includes("?") ? "&" : "?"}err=${r.error}`;
}
