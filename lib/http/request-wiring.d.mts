// Types of request-wiring.mjs.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ClientAddress, ProxyHeader } from "./client-address.mjs";

export declare const HSTS_VALUE: string;
export declare function contentSecurityPolicy(input: {
  nonce: string;
  dev?: boolean;
  formActionOrigins?: readonly string[];
}): string;
export declare function createRequestWiring(config?: {
  trustedProxies?: readonly string[];
  proxyHeader?: ProxyHeader;
  dev?: boolean;
}): (req: IncomingMessage, res: ServerResponse) => Promise<ClientAddress>;
