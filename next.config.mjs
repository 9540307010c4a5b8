import { SECURITY_HEADERS } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */

const nextConfig = {
  poweredByHeader: false,
  // `npm test` typechecks the whole tree (tsc --noEmit) in its first stage, then builds: it sets
  // PORTCULLIS_BUILD_TYPECHECKED=1 so that the build does not check the same types again (about
  // 45 s of CPU). Any other build (`npm run build`, `npm start`) checks them.
  typescript: { ignoreBuildErrors: process.env.PORTCULLIS_BUILD_TYPECHECKED === "1" },
  // Native and driver packages stay outside the bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "@libsql/client", "libsql", "@prisma/adapter-libsql", "node-forge"],
  experimental: {
    // Every form (server action) is capped by Next before it is parsed. 2 MB leaves room for the
    // largest console upload (a 1 MiB device inventory file) with its multipart framing; the
    // console's file fields refuse larger files in the browser (components/ui/file-field.tsx).
    // The Content-Security-Policy and HSTS come from the Portcullis server (server.mjs).
    serverActions: { bodySizeLimit: "2mb" },
    proxyClientMaxBodySize: "2mb",
    // Page modules load on a page's first request, not all at start: a worker that only answers
    // sign-ins never holds the console's pages (bench:http, one worker: ~260 -> ~200 MB after the
    // run, the same CPU per round trip). The first request to a page after a start takes ~50 ms
    // longer (README "Memory").
    preloadEntriesOnStart: false,
  },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // The SLO endpoint's answer to an SP's LogoutResponse sits in a frame of our own logout page.
      { source: "/saml2/idp/:appKey/slo", headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }] },
    ];
  },
};

export default nextConfig;
