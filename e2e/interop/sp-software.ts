// The real service providers of the interop tests, from Debian: mod_auth_mellon and
// Shibboleth SP (mod_shib + shibd) in one Apache of our own, and SimpleSAMLphp's saml:SP
// in the same Apache through mod_php. Everything listens on 127.0.0.1 only, on ports of
// its own, with its own configuration, pid files and logs under one scratch folder; nothing
// of the system's Apache or shibd configuration is used or changed. Processes are started
// in their own process groups and stopped by those group ids.
//
// The pitfalls of ENVIRONMENT.md are handled here: mellon's SameSite=None cookie on plain
// http (MELLON_DISABLE_SAMESITE), MellonPostDirectory at server level, mod_shib taking over
// "Require valid-user" (ShibCompatValidUser On, "Require shib-session" for Shibboleth),
// Shibboleth mapping only attributes listed in its attribute map, SimpleSAMLphp's Secure and
// SameSite=None session cookie on http, one host name (127.0.0.1) everywhere.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../support/nginx";
import { waitUntil } from "../support/wait";

export type SpName = "mellon" | "shibboleth" | "simplesamlphp";

export type SpEndpoints = {
  name: SpName;
  origin: string;
  /** Where the SP publishes its own metadata. */
  metadataUrl: string;
  /** A page the SP protects; it prints the signed-in session (or sends the browser to the IdP). */
  protectedUrl: string;
  /** Starts SP-initiated logout and returns to `returnTo`. */
  logoutUrl: (returnTo: string) => string;
};

export type RunningSps = {
  dir: string;
  sps: Record<SpName, SpEndpoints>;
  /** Points an SP at its application's IdP metadata (written to a file; Apache reloads gracefully, shibd watches it). */
  trustIdp: (name: SpName, idpMetadataXml: string) => Promise<void>;
  /** The end of each SP's logs, for a failure message. */
  logs: () => string;
  stop: () => Promise<void>;
};

const APACHE = "/usr/sbin/apache2";
const SHIBD = "/usr/sbin/shibd";
const MODULES = "/usr/lib/apache2/modules";
const SSP_WWW = "/usr/share/simplesamlphp/www";

/** Debian packages the interop tests need (scripts/install-sp-software.sh installs them). */
export const DEBIAN_PACKAGES = [
  "apache2",
  "libapache2-mod-auth-mellon",
  "libapache2-mod-shib",
  "shibboleth-sp-utils",
  "simplesamlphp",
  "libapache2-mod-php",
  "php-xml",
];

export function missingSoftware(): string[] {
  const need: [string, string][] = [
    [APACHE, "apache2"],
    [path.join(MODULES, "mod_auth_mellon.so"), "libapache2-mod-auth-mellon"],
    [path.join(MODULES, "mod_shib.so"), "libapache2-mod-shib"],
    [SHIBD, "shibboleth-sp-utils"],
    [SSP_WWW, "simplesamlphp"],
  ];
  return need.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
}

/** Three ports: from PORTCULLIS_INTEROP_SP_PORT_BASE (base, base+1, base+2) or free ones. */
async function spPorts(): Promise<[number, number, number]> {
  const base = Number(process.env.PORTCULLIS_INTEROP_SP_PORT_BASE ?? "");
  if (Number.isInteger(base) && base > 0) return [base, base + 1, base + 2];
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  return [...ports] as [number, number, number];
}

function openssl(args: string[]) {
  execFileSync("openssl", args, { stdio: "ignore" });
}

/** A self-signed RSA-2048 certificate and key: <dir>/<name>.crt and <dir>/<name>.key (readable by www-data). */
export function selfSigned(dir: string, name: string, cn: string) {
  openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-sha256",
    "-days",
    "30",
    "-subj",
    `/CN=${cn}`,
    "-keyout",
    path.join(dir, `${name}.key`),
    "-out",
    path.join(dir, `${name}.crt`),
  ]);
  chmodSync(path.join(dir, `${name}.key`), 0o644); // read by Apache's www-data children; test keys only
}

const WHOAMI_PHP = `<?php
// Prints the SP session Apache sees: the NameID (mellon) or REMOTE_USER (Shibboleth).
header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');
$v = fn($k) => htmlspecialchars($_SERVER[$k] ?? $_SERVER['REDIRECT_' . $k] ?? '', ENT_QUOTES);
echo '<!doctype html><title>SP session</title><h1>Signed in at ' . htmlspecialchars($_SERVER['SP_NAME'] ?? '') . '</h1>';
echo '<dl><dt>NameID</dt><dd data-testid="sp-name-id">' . ($v('MELLON_NAME_ID') ?: $v('REMOTE_USER')) . '</dd>';
echo '<dt>Session</dt><dd data-testid="sp-session">' . ($v('Shib-Session-ID') ?: (isset($_COOKIE['mellon-cookie']) ? 'mellon-cookie' : '')) . '</dd></dl>';
`;

/**
 * The start of an httpd.conf for an Apache of our own under `dir` (pid, runtime, logs there;
 * prefork children as www-data; mod_php), shared with the SimpleSAMLphp IdP of
 * scripts/bench-simplesamlphp.mts. `modules`: more LoadModule lines; `tuning`: KeepAlive and
 * prefork directives.
 */
export function apacheBase(dir: string, opts: { logLevel: string; modules: string[]; tuning: string }): string {
  return `ServerRoot "${dir}"
ServerName 127.0.0.1
PidFile "${dir}/run/apache.pid"
DefaultRuntimeDir "${dir}/run"
Mutex file:${dir}/run default
ErrorLog "${dir}/logs/apache-error.log"
LogLevel ${opts.logLevel}
User www-data
Group www-data
Timeout 30
LoadModule mpm_prefork_module ${MODULES}/mod_mpm_prefork.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule mime_module ${MODULES}/mod_mime.so
LoadModule dir_module ${MODULES}/mod_dir.so
LoadModule alias_module ${MODULES}/mod_alias.so
LoadModule env_module ${MODULES}/mod_env.so
LoadModule php_module ${MODULES}/libphp8.2.so
${opts.modules.map((m) => `LoadModule ${m}`).join("\n")}
${opts.tuning}
TypesConfig /etc/mime.types
DirectoryIndex index.php index.html
<FilesMatch "\\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
`;
}

function apacheConf(dir: string, ports: [number, number, number]): string {
  const [mellonPort, shibPort, sspPort] = ports;
  return `# Generated by e2e/interop/sp-software.ts: one Apache for the interop SPs, loopback only.
${apacheBase(dir, {
  logLevel: "warn auth_mellon:info",
  modules: [
    `authz_user_module ${MODULES}/mod_authz_user.so`,
    `authn_core_module ${MODULES}/mod_authn_core.so`,
    `setenvif_module ${MODULES}/mod_setenvif.so`,
    `auth_mellon_module ${MODULES}/mod_auth_mellon.so`,
    `mod_shib ${MODULES}/mod_shib.so`,
  ],
  tuning: `KeepAlive Off
StartServers 2
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 16
LogFormat "%h %t \\"%r\\" %>s %b" short
CustomLog "${dir}/logs/apache-access.log" short`,
})}
# Server-level directives of the two modules.
MellonPostDirectory "${dir}/mellon/post"
ShibConfig "${dir}/shibboleth/shibboleth2.xml"
ShibCompatValidUser On

Listen 127.0.0.1:${mellonPort}
Listen 127.0.0.1:${shibPort}
Listen 127.0.0.1:${sspPort}

# ---- mod_auth_mellon
<VirtualHost 127.0.0.1:${mellonPort}>
  DocumentRoot "${dir}/www"
  SetEnv SP_NAME mellon
  SetEnvIf Request_URI ^/mellon MELLON_DISABLE_SAMESITE=1
  <Directory "${dir}/www">
    Require all granted
  </Directory>
  <Location />
    MellonEnable info
    MellonEndpointPath /mellon
    MellonSPentityId "http://127.0.0.1:${mellonPort}/mellon/metadata"
    MellonSPPrivateKeyFile "${dir}/mellon/sp.key"
    MellonSPCertFile "${dir}/mellon/sp.crt"
    MellonIdPMetadataFile "${dir}/mellon/idp-metadata.xml"
    MellonSecureCookie Off
    MellonDefaultLoginPath /protected/
    MellonVariable mellon-cookie
  </Location>
  <Location /protected>
    MellonEnable auth
    AuthType Mellon
    Require valid-user
  </Location>
</VirtualHost>

# ---- Shibboleth SP (mod_shib + shibd)
<VirtualHost 127.0.0.1:${shibPort}>
  DocumentRoot "${dir}/www"
  SetEnv SP_NAME shibboleth
  <Directory "${dir}/www">
    Require all granted
  </Directory>
  <Location /Shibboleth.sso>
    SetHandler shib
  </Location>
  <Location /secure>
    AuthType shibboleth
    ShibRequestSetting requireSession 1
    ShibUseHeaders Off
    Require shib-session
  </Location>
</VirtualHost>

# ---- SimpleSAMLphp saml:SP
<VirtualHost 127.0.0.1:${sspPort}>
  DocumentRoot "${dir}/www"
  SetEnv SIMPLESAMLPHP_CONFIG_DIR "${dir}/simplesamlphp/config"
  Alias /simplesaml ${SSP_WWW}
  <Directory ${SSP_WWW}>
    Require all granted
  </Directory>
  <Directory "${dir}/www">
    Require all granted
  </Directory>
</VirtualHost>
`;
}

function shibbolethConf(dir: string, shibPort: number): string {
  const origin = `http://127.0.0.1:${shibPort}`;
  return `<SPConfig xmlns="urn:mace:shibboleth:3.0:native:sp:config"
    xmlns:conf="urn:mace:shibboleth:3.0:native:sp:config" clockSkew="180">
  <OutOfProcess logger="${dir}/shibboleth/shibd.logger"/>
  <InProcess logger="${dir}/shibboleth/native.logger"/>
  <UnixListener address="${dir}/run/shibd.sock"/>
  <StorageService type="Memory" id="mem" cleanupInterval="900"/>
  <SessionCache type="StorageService" StorageService="mem" cacheAssertions="false" cacheAllowance="900" inprocTimeout="900" cleanupInterval="900"/>
  <ReplayCache StorageService="mem"/>
  <RequestMapper type="Native">
    <RequestMap>
      <Host name="127.0.0.1" port="${shibPort}" scheme="http"/>
    </RequestMap>
  </RequestMapper>
  <ApplicationDefaults entityID="${origin}/shibboleth" REMOTE_USER="nameid" homeURL="${origin}/secure/">
    <Sessions lifetime="28800" timeout="3600" relayState="ss:mem" checkAddress="false"
        handlerURL="/Shibboleth.sso" handlerSSL="false" cookieProps="; path=/; HttpOnly; SameSite=Lax" redirectLimit="none">
      <SSO entityID="__IDP_ENTITY_ID__">SAML2</SSO>
      <Logout>SAML2 Local</Logout>
      <Handler type="MetadataGenerator" Location="/Metadata" signing="false"/>
      <Handler type="Status" Location="/Status" acl="127.0.0.1 ::1"/>
      <Handler type="Session" Location="/Session" showAttributeValues="true"/>
    </Sessions>
    <Errors supportContact="root@localhost" styleSheet="/shibboleth-sp/main.css"/>
    <MetadataProvider type="XML" validate="true" path="${dir}/shibboleth/idp-metadata.xml" reloadChanges="true"/>
    <AttributeExtractor type="XML" validate="true" reloadChanges="false" path="${dir}/shibboleth/attribute-map.xml"/>
    <AttributeFilter type="XML" validate="true" path="/etc/shibboleth/attribute-policy.xml"/>
    <CredentialResolver type="File" use="signing" key="${dir}/shibboleth/sp.key" certificate="${dir}/shibboleth/sp.crt"/>
    <CredentialResolver type="File" use="encryption" key="${dir}/shibboleth/sp.key" certificate="${dir}/shibboleth/sp.crt"/>
  </ApplicationDefaults>
  <SecurityPolicyProvider type="XML" validate="true" path="/etc/shibboleth/security-policy.xml"/>
  <ProtocolProvider type="XML" validate="true" reloadChanges="false" path="/etc/shibboleth/protocols.xml"/>
</SPConfig>
`;
}

// Shibboleth maps only what its attribute map lists: the NameID of each format becomes "nameid".
const SHIB_ATTRIBUTE_MAP = `<Attributes xmlns="urn:mace:shibboleth:2.0:attribute-map">
  <Attribute name="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" id="nameid"/>
  <Attribute name="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" id="nameid"/>
  <Attribute name="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" id="nameid"/>
  <Attribute name="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" id="nameid"/>
</Attributes>
`;

const logger = (file: string) => `log4j.rootCategory=INFO, f
log4j.appender.f=org.apache.log4j.FileAppender
log4j.appender.f.fileName=${file}
log4j.appender.f.layout=org.apache.log4j.PatternLayout
log4j.appender.f.layout.ConversionPattern=%d{%Y-%m-%d %H:%M:%S} %p %c %x: %m%n
`;

/**
 * A SimpleSAMLphp 1.19 config.php: Debian's configuration with the overrides every run needs
 * (base URL, fresh secrets, its folders, file logging, PHP sessions over plain http on loopback:
 * no Secure flag, and no SameSite=None, which Chromium drops without Secure), then `extra` lines.
 * Also the IdP of bench:http --vs-simplesamlphp (scripts/bench-simplesamlphp.mts).
 */
export function simpleSamlPhpConfig(o: {
  baseUrl: string;
  dirs: { temp: string; data: string; cert: string; logs: string };
  logLevel: "INFO" | "WARNING";
  extra: string[];
}): string {
  const random = () => Math.random().toString(36).slice(2);
  return [
    "<?php",
    "require '/etc/simplesamlphp/config.php';",
    `$config['baseurlpath'] = '${o.baseUrl}/simplesaml/';`,
    `$config['secretsalt'] = '${random()}${random()}';`,
    `$config['auth.adminpassword'] = '${random()}';`,
    `$config['tempdir'] = '${o.dirs.temp}';`,
    `$config['datadir'] = '${o.dirs.data}';`,
    `$config['certdir'] = '${o.dirs.cert}';`,
    `$config['loggingdir'] = '${o.dirs.logs}';`,
    "$config['logging.handler'] = 'file';",
    "$config['logging.logfile'] = 'simplesamlphp.log';",
    `$config['logging.level'] = SimpleSAML\\Logger::${o.logLevel};`,
    "$config['store.type'] = 'phpsession';",
    "$config['session.cookie.secure'] = false;",
    "$config['session.cookie.samesite'] = null;",
    ...o.extra,
    "",
  ].join("\n");
}

/** SimpleSAMLphp 1.19 as an SP for the interop tests. */
function sspConfig(dir: string, sspPort: number): string {
  return simpleSamlPhpConfig({
    baseUrl: `http://127.0.0.1:${sspPort}`,
    dirs: {
      temp: `${dir}/simplesamlphp/tmp`,
      data: `${dir}/simplesamlphp/data`,
      cert: `${dir}/simplesamlphp/cert`,
      logs: `${dir}/logs`,
    },
    logLevel: "INFO",
    extra: [
      `$config['metadata.sources'] = [['type' => 'xml', 'file' => '${dir}/simplesamlphp/idp-metadata.xml']];`,
      "$config['session.cookie.name'] = 'SSPInteropSession';",
      "$config['session.phpsession.cookiename'] = 'SSPInteropPHP';",
      "$config['session.authtoken.cookiename'] = 'SSPInteropAuthToken';",
      "$config['enable.saml20-idp'] = false;",
      "$config['module.enable'] = ['exampleauth' => false, 'saml' => true, 'core' => true];",
    ],
  });
}

function sspAuthsources(sspPort: number, idpEntityId: string): string {
  return `<?php
$config = [
  'admin' => ['core:AdminPassword'],
  'default-sp' => [
    'saml:SP',
    'entityID' => 'http://127.0.0.1:${sspPort}/simplesaml/module.php/saml/sp/metadata.php/default-sp',
    'idp' => '${idpEntityId}',
    'privatekey' => 'sp.key',
    'certificate' => 'sp.crt',
    'sign.logout' => true,
    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'NameIDPolicy' => ['Format' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', 'AllowCreate' => true],
    'RelayState' => 'http://127.0.0.1:${sspPort}/simplesaml/module.php/core/authenticate.php?as=default-sp',
  ],
];
`;
}

async function waitForHttp(url: string, ok: (status: number) => boolean, what: string, timeoutMs = 30_000) {
  let last = "";
  await waitUntil(
    async () => {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(3_000) });
      last = `HTTP ${res.status}`;
      return ok(res.status);
    },
    { what: `${what} at ${url}`, timeoutMs, detail: () => last },
  );
}

function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return `(${path.basename(file)}: none)`;
  return `--- ${path.basename(file)}\n${readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")}`;
}

function startGroup(cmd: string, args: string[], logFile: string): ChildProcess {
  const out = openSync(logFile, "a");
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", out, out] });
  child.unref();
  return child;
}

async function stopGroup(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (!child?.pid || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the process group we started, nothing else
  } catch {
    return;
  }
  // Wait for the exit itself; only a group that ignores the signal for 5 s gets SIGKILL.
  const pid = child.pid;
  try {
    await waitUntil(() => child.exitCode !== null || child.signalCode !== null, {
      what: `the SP's process group ${pid} to exit`,
      timeoutMs: 5_000,
    });
  } catch {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Writes the configuration of the three SPs under `dir`, starts shibd and Apache, and waits
 * until each SP publishes its metadata. The SPs trust no IdP yet: call trustIdp() once the
 * applications exist.
 */
export async function startSps(dir: string, idpEntityIds: Record<SpName, string>): Promise<RunningSps> {
  if (process.getuid?.() !== 0)
    throw new Error(
      "The interop SPs run Apache with User www-data and shibd: run the interop tests as root (as CI does).",
    );
  const missing = missingSoftware();
  if (missing.length)
    throw new Error(
      `Missing Debian packages: ${missing.join(" ")} (scripts/install-sp-software.sh installs them as root)`,
    );
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ["run", "logs", "www/protected", "www/secure", "mellon/post", "shibboleth"])
    mkdirSync(path.join(dir, sub), { recursive: true });
  for (const sub of ["config", "cert", "tmp", "data", "metadata"])
    mkdirSync(path.join(dir, "simplesamlphp", sub), { recursive: true });
  execFileSync("chown", ["-R", "www-data:www-data", path.join(dir, "mellon/post"), path.join(dir, "simplesamlphp")]);
  chmodSync(path.join(dir, "run"), 0o777);
  chmodSync(path.join(dir, "logs"), 0o777);

  const ports = await spPorts();
  const [mellonPort, shibPort, sspPort] = ports;
  selfSigned(path.join(dir, "mellon"), "sp", `127.0.0.1:${mellonPort} mellon`);
  selfSigned(path.join(dir, "shibboleth"), "sp", `127.0.0.1:${shibPort} shibboleth`);
  selfSigned(path.join(dir, "simplesamlphp/cert"), "sp", `127.0.0.1:${sspPort} simplesamlphp`);
  execFileSync("chown", ["-R", "www-data:www-data", path.join(dir, "simplesamlphp")]);

  // Until an application exists the SPs trust a placeholder IdP (mellon needs a file to start).
  const placeholder = (entityId: string) =>
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>\n`;
  writeFileSync(path.join(dir, "mellon/idp-metadata.xml"), placeholder(idpEntityIds.mellon));
  writeFileSync(path.join(dir, "shibboleth/idp-metadata.xml"), placeholder(idpEntityIds.shibboleth));
  writeFileSync(path.join(dir, "simplesamlphp/idp-metadata.xml"), placeholder(idpEntityIds.simplesamlphp));

  writeFileSync(path.join(dir, "www/index.html"), "<!doctype html><title>Interop SPs</title><p>Interop SPs</p>\n");
  writeFileSync(path.join(dir, "www/protected/index.php"), WHOAMI_PHP);
  writeFileSync(path.join(dir, "www/secure/index.php"), WHOAMI_PHP);
  writeFileSync(path.join(dir, "httpd.conf"), apacheConf(dir, ports));
  writeFileSync(
    path.join(dir, "shibboleth/shibboleth2.xml"),
    shibbolethConf(dir, shibPort).replace("__IDP_ENTITY_ID__", idpEntityIds.shibboleth),
  );
  writeFileSync(path.join(dir, "shibboleth/attribute-map.xml"), SHIB_ATTRIBUTE_MAP);
  writeFileSync(path.join(dir, "shibboleth/shibd.logger"), logger(`${dir}/logs/shibd.log`));
  writeFileSync(path.join(dir, "shibboleth/native.logger"), logger(`${dir}/logs/shib-native.log`));
  writeFileSync(path.join(dir, "simplesamlphp/config/config.php"), sspConfig(dir, sspPort));
  writeFileSync(
    path.join(dir, "simplesamlphp/config/authsources.php"),
    sspAuthsources(sspPort, idpEntityIds.simplesamlphp),
  );
  execFileSync("chown", ["-R", "www-data:www-data", path.join(dir, "simplesamlphp")]);

  const shibd = startGroup(
    SHIBD,
    ["-F", "-f", "-c", `${dir}/shibboleth/shibboleth2.xml`, "-p", `${dir}/run/shibd.pid`, "-w", "30"],
    `${dir}/logs/shibd.out`,
  );
  // shibd opens its socket when ready; Apache's mod_shib connects to it per request.
  await waitUntil(() => existsSync(`${dir}/run/shibd.sock`), {
    what: "shibd's socket",
    gaveUp: () => (shibd.exitCode !== null ? `shibd exited with code ${shibd.exitCode}` : undefined),
    detail: () => `${tail(`${dir}/logs/shibd.out`)}\n${tail(`${dir}/logs/shibd.log`)}`,
  });
  chmodSync(`${dir}/run/shibd.sock`, 0o777);
  const apache = startGroup(APACHE, ["-f", `${dir}/httpd.conf`, "-DFOREGROUND"], `${dir}/logs/apache.out`);

  const sps: Record<SpName, SpEndpoints> = {
    mellon: {
      name: "mellon",
      origin: `http://127.0.0.1:${mellonPort}`,
      metadataUrl: `http://127.0.0.1:${mellonPort}/mellon/metadata`,
      protectedUrl: `http://127.0.0.1:${mellonPort}/protected/`,
      logoutUrl: (r) => `http://127.0.0.1:${mellonPort}/mellon/logout?ReturnTo=${encodeURIComponent(r)}`,
    },
    shibboleth: {
      name: "shibboleth",
      origin: `http://127.0.0.1:${shibPort}`,
      metadataUrl: `http://127.0.0.1:${shibPort}/Shibboleth.sso/Metadata`,
      protectedUrl: `http://127.0.0.1:${shibPort}/secure/`,
      logoutUrl: (r) => `http://127.0.0.1:${shibPort}/Shibboleth.sso/Logout?return=${encodeURIComponent(r)}`,
    },
    simplesamlphp: {
      name: "simplesamlphp",
      origin: `http://127.0.0.1:${sspPort}`,
      metadataUrl: `http://127.0.0.1:${sspPort}/simplesaml/module.php/saml/sp/metadata.php/default-sp`,
      protectedUrl: `http://127.0.0.1:${sspPort}/simplesaml/module.php/core/authenticate.php?as=default-sp`,
      logoutUrl: (r) =>
        `http://127.0.0.1:${sspPort}/simplesaml/module.php/core/authenticate.php?as=default-sp&logout&ReturnTo=${encodeURIComponent(r)}`,
    },
  };

  const logs = () =>
    [
      tail(`${dir}/logs/apache-error.log`),
      tail(`${dir}/logs/apache.out`, 10),
      tail(`${dir}/logs/shibd.log`),
      tail(`${dir}/logs/shib-native.log`, 10),
      tail(`${dir}/logs/simplesamlphp.log`),
    ].join("\n");
  const stop = async () => {
    await stopGroup(apache);
    await stopGroup(shibd);
    if (!process.env.PORTCULLIS_INTEROP_KEEP) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const sp of Object.values(sps)) await waitForHttp(sp.metadataUrl, (s) => s === 200, `${sp.name} metadata`);
  } catch (e) {
    const message = `${(e as Error).message}\n${logs()}`;
    await stop();
    throw new Error(message);
  }

  const trustIdp = async (name: SpName, xml: string) => {
    if (name === "mellon") {
      writeFileSync(path.join(dir, "mellon/idp-metadata.xml"), xml);
      // mellon reads the IdP metadata when Apache (re)starts: a graceful restart, done when
      // Apache logs its next "resuming normal operations" (a notice, logged at any LogLevel).
      const errorLog = `${dir}/logs/apache-error.log`;
      const resumed = () => readFileSync(errorLog, "utf8").split("resuming normal operations").length;
      const before = resumed();
      process.kill(Number(readFileSync(`${dir}/run/apache.pid`, "utf8").trim()), "SIGUSR1");
      await waitUntil(() => resumed() > before, { what: "Apache's graceful restart", detail: logs });
      await waitForHttp(sps.mellon.metadataUrl, (s) => s === 200, "mellon after reload");
    } else if (name === "shibboleth") {
      writeFileSync(path.join(dir, "shibboleth/idp-metadata.xml"), xml);
      // shibd watches the file (reloadChanges): wait until it knows the IdP.
      await waitUntil(
        async () => {
          const res = await fetch(`${sps.shibboleth.origin}/Shibboleth.sso/Login`, { redirect: "manual" });
          const location = res.headers.get("location") ?? "";
          return res.status === 302 && location.startsWith(idpEntityIds.shibboleth.replace(/\/metadata$/, ""));
        },
        { what: "shibd loading the IdP metadata", detail: logs },
      );
    } else {
      writeFileSync(path.join(dir, "simplesamlphp/idp-metadata.xml"), xml);
      execFileSync("chown", ["www-data:www-data", path.join(dir, "simplesamlphp/idp-metadata.xml")]);
    }
  };

  return { dir, sps, trustIdp, logs, stop };
}
