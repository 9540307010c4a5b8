// bench:http --vs-simplesamlphp: Debian's SimpleSAMLphp 1.19 as a SAML IdP (Apache 2.4, prefork,
// mod_php 8.2 with OPcache) on a free loopback port, configured for the same bench SP as
// Portcullis (scripts/bench-server.mts): Response and Assertion signed with RSA-SHA256, the
// emailAddress NameID from `mail`, the same five attributes, exampleauth:UserPass users.
// Everything lives in a temporary folder (configuration, key pair, sessions, logs); Apache runs
// as root with www-data children and is stopped by its process group. Needs the Debian packages
// of the interop tests (scripts/install-sp-software.sh).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { apacheBase, selfSigned, simpleSamlPhpConfig } from "../e2e/interop/sp-software.ts";
import { BENCH_ACS_URL, freePort, groupCpuMs, groupMemoryMb } from "./bench-server.mts";

const MODULES = "/usr/lib/apache2/modules";
const SSP_WWW = "/usr/share/simplesamlphp/www";
const EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

export type SimpleSamlPhpIdp = {
  base: string;
  ssoUrl: string;
  entityId: string;
  /** The IdP's signing certificate (base64 DER). */
  certificate: string;
  cpuMs(): number;
  memoryMb(): { rss: number; pss: number };
  stop(): Promise<void>;
};

const php = (v: string) => `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** Starts the IdP with `users` (username, email, real name; one password for all). */
export async function startSimpleSamlPhpIdp(
  users: Array<{ username: string; email: string; realName: string }>,
  password: string,
): Promise<SimpleSamlPhpIdp> {
  if (process.getuid?.() !== 0) throw new Error("--vs-simplesamlphp runs Apache (User www-data): run it as root.");
  const missing = ["/usr/sbin/apache2", `${MODULES}/libphp8.2.so`, `${SSP_WWW}/index.php`].filter(
    (f) => !existsSync(f),
  );
  if (missing.length)
    throw new Error(
      `${missing.join(", ")} missing: bash scripts/install-sp-software.sh installs SimpleSAMLphp and Apache.`,
    );
  const dir = mkdtempSync(path.join(tmpdir(), "portcullis-bench-ssp-"));
  chmodSync(dir, 0o755);
  for (const sub of ["run", "logs", "config", "cert", "tmp", "data", "metadata", "sessions", "www"])
    mkdirSync(path.join(dir, sub), { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const entityId = `${base}/simplesaml/saml2/idp/metadata.php`;

  selfSigned(path.join(dir, "cert"), "idp", "SimpleSAMLphp bench IdP");
  const certificate = readFileSync(path.join(dir, "cert", "idp.crt"), "utf8").replace(
    /-----(BEGIN|END) CERTIFICATE-----|\s+/g,
    "",
  );

  writeFileSync(
    path.join(dir, "config", "config.php"),
    simpleSamlPhpConfig({
      baseUrl: base,
      dirs: { temp: `${dir}/tmp`, data: `${dir}/data`, cert: `${dir}/cert`, logs: `${dir}/logs` },
      logLevel: "WARNING",
      extra: [
        `$config['metadatadir'] = '${dir}/metadata';`,
        `$config['metadata.sources'] = [['type' => 'flatfile', 'directory' => '${dir}/metadata']];`,
        "$config['enable.saml20-idp'] = true;",
        "$config['module.enable'] = ['exampleauth' => true, 'saml' => true, 'core' => true];",
      ],
    }),
  );
  const userEntries = users
    .map(
      (u) =>
        `    ${php(`${u.username}:${password}`)} => ['uid' => [${php(u.username)}], 'mail' => [${php(u.email)}], ` +
        `'displayName' => [${php(u.realName)}], 'username' => [${php(u.username)}], 'groups' => []],`,
    )
    .join("\n");
  writeFileSync(
    path.join(dir, "config", "authsources.php"),
    `<?php
$config = [
  'admin' => ['core:AdminPassword'],
  'bench-users' => ['exampleauth:UserPass',
${userEntries}
  ],
];
`,
  );
  writeFileSync(
    path.join(dir, "metadata", "saml20-idp-hosted.php"),
    `<?php
$metadata['__DYNAMIC:1__'] = [
  'host' => '__DEFAULT__',
  'privatekey' => 'idp.key',
  'certificate' => 'idp.crt',
  'auth' => 'bench-users',
  'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
];
`,
  );
  writeFileSync(
    path.join(dir, "metadata", "saml20-sp-remote.php"),
    `<?php
$metadata['urn:bench:sp'] = [
  'AssertionConsumerService' => ${php(BENCH_ACS_URL)},
  'NameIDFormat' => ${php(EMAIL)},
  'simplesaml.nameidattribute' => 'mail',
  'saml20.sign.response' => true,
  'saml20.sign.assertion' => true,
  'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'attributes' => ['uid', 'mail', 'username', 'displayName', 'groups'],
];
`,
  );
  writeFileSync(path.join(dir, "metadata", "saml20-idp-remote.php"), "<?php\n");
  writeFileSync(path.join(dir, "metadata", "saml20-sp-hosted.php"), "<?php\n");
  writeFileSync(path.join(dir, "www", "index.html"), "SimpleSAMLphp bench IdP\n");
  // Apache with mod_php (prefork): as many children as the load needs, kept alive.
  writeFileSync(
    path.join(dir, "httpd.conf"),
    `# Generated by scripts/bench-simplesamlphp.mts
${apacheBase(dir, {
  logLevel: "warn",
  modules: [],
  tuning: `KeepAlive On
MaxKeepAliveRequests 0
StartServers 24
MinSpareServers 24
MaxSpareServers 48
MaxRequestWorkers 64`,
})}
php_admin_value session.save_path "${dir}/sessions"
Listen 127.0.0.1:${port}
<VirtualHost 127.0.0.1:${port}>
  DocumentRoot "${dir}/www"
  SetEnv SIMPLESAMLPHP_CONFIG_DIR "${dir}/config"
  Alias /simplesaml ${SSP_WWW}
  <Directory ${SSP_WWW}>
    Require all granted
  </Directory>
  <Directory "${dir}/www">
    Require all granted
  </Directory>
</VirtualHost>
`,
  );
  execFileSync("chown", ["-R", "www-data:www-data", dir]);
  chmodSync(path.join(dir, "run"), 0o777);

  const apache: ChildProcess = spawn("/usr/sbin/apache2", ["-f", path.join(dir, "httpd.conf"), "-DFOREGROUND"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const group = apache.pid!;
  const stop = async () => {
    if (apache.exitCode === null) {
      const exited = new Promise((r) => apache.once("exit", r));
      try {
        process.kill(-group, "SIGTERM");
      } catch {
        /* gone */
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const metadataUrl = `${base}/simplesaml/saml2/idp/metadata.php`;
  for (let i = 0; ; i++) {
    const ok = await fetch(metadataUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (apache.exitCode !== null || i > 150) {
      const log = (() => {
        try {
          return readFileSync(path.join(dir, "logs", "apache-error.log"), "utf8").slice(-3000);
        } catch {
          return "";
        }
      })();
      await stop();
      throw new Error(`SimpleSAMLphp did not start at ${metadataUrl}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    entityId,
    ssoUrl: `${base}/simplesaml/saml2/idp/SSOService.php`,
    certificate,
    cpuMs: () => groupCpuMs(group),
    memoryMb: () => groupMemoryMb(group),
    stop,
  };
}
