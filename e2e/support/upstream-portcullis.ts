// A second Portcullis instance on loopback, started by the test, that plays the upstream
// identity provider of an authentication source (Portcullis IS a SAML IdP): its own data
// folder and SQLite database, its own secrets, a free port on 127.0.0.2: another host than
// the e2e server's 127.0.0.1, so the two instances' cookies never mix and its Response
// reaches Portcullis's ACS as a cross-site POST, as Entra ID's does. Migrated and seeded
// (e2e/support/instance-seed.mts) before it starts.
import { freePort } from "./nginx";
import { PortcullisInstance, newSecrets } from "./portcullis-instance";

export const UPSTREAM_HOST = "127.0.0.2";

export type UpstreamApp = { id: string; key: string; entityId: string; ssoUrl: string; metadataUrl: string };
export type UpstreamUser = { username: string; email: string; realName: string; password: string };

export class UpstreamPortcullis {
  private constructor(
    private readonly instance: PortcullisInstance,
    readonly apps: UpstreamApp[],
    readonly certificatePem: string,
  ) {}

  get baseUrl(): string {
    return this.instance.origin;
  }

  /** Migrates and seeds a new instance (not started yet): users, and one application per name. */
  static async create(users: UpstreamUser[], appNames: string[]): Promise<UpstreamPortcullis> {
    const port = await freePort(UPSTREAM_HOST);
    const instance = new PortcullisInstance({
      host: UPSTREAM_HOST,
      port,
      baseUrl: `http://${UPSTREAM_HOST}:${port}`,
      secrets: newSecrets(), // its own, passed in the environment
    });
    instance.migrate();
    const seeded = instance.seed<{ apps: UpstreamApp[]; certificatePem: string }>({
      op: "init",
      users,
      apps: appNames,
    });
    return new UpstreamPortcullis(instance, seeded.apps, seeded.certificatePem);
  }

  /** Points an application at the service provider Portcullis is for one source (before start: no cached config). */
  configure(app: UpstreamApp, name: string, spEntityId: string, acsUrl: string): void {
    this.instance.seed({ op: "configure", appId: app.id, name, spEntityId, acsUrl });
  }

  start(): Promise<void> {
    return this.instance.start();
  }

  stop(): Promise<void> {
    return this.instance.stop();
  }
}
