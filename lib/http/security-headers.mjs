// The response headers every answer carries (next.config.mjs applies them to what Next
// answers; server.mjs to what it answers itself, lib/http/fast-routes.mjs).
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
