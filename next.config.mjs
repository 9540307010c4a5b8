/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig = {
  poweredByHeader: false,
  // Native and driver packages stay outside the bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "@libsql/client", "libsql", "@prisma/adapter-libsql", "node-forge"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The SLO endpoint's answer to an SP's LogoutResponse sits in a frame of our own logout page.
      { source: "/saml2/idp/:appKey/slo", headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }] },
    ];
  },
};

export default nextConfig;
