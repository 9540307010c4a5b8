// Starts the loopback Cisco Secure Endpoint fake (test/fakes/cisco-secure-endpoint.ts) for a
// spec: the Portcullis server under test reaches it through the integration's "API base URL".
import { startFakeCisco, type FakeCisco } from "../../test/fakes/cisco-secure-endpoint";

export type { FakeCisco };

export function fakeCisco(opts: { clientId?: string; apiKey?: string } = {}): Promise<FakeCisco> {
  return startFakeCisco({ host: "127.0.0.1", ...opts });
}
