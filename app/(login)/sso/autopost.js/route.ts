// GET /sso/autopost.js — submits the HTTP-POST binding form (no inline script, strict CSP)
import { AUTO_SUBMIT_SCRIPT } from "@/lib/saml";

export function GET() {
  return new Response(AUTO_SUBMIT_SCRIPT, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
