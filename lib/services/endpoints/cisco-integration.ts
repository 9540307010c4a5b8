// The Cisco Secure Endpoint integration (seed 002): Client ID, API key (sealed, never shown
// back), region or a base URL override, "Test Integration" (fills Hostname), "Save
// Integration" (checks the credentials first), and the Enabled toggle.
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import { baseUrlOf, CISCO_REGIONS, isCiscoRegion, normalizeBaseUrl, parseComputerList } from "../../endpoints/cisco";
import { sealSecret, unsealSecret } from "../../crypto/secrets";
import {
  findIntegrationsOfKind,
  findIntegrationWithSecrets,
  insertIntegration,
  updateIntegration,
  type IntegrationRow,
} from "../../db/endpoints";
import { parseOrThrow } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { changedFields } from "../audit-diff";
import { env } from "../../env";
import { ciscoGet } from "./cisco-client";
import { configChanged } from "../config-sync";

export const CISCO_NAME = "Cisco Secure Endpoint";
const CONTEXT = (id: string) => `cisco-secure-endpoint:${id}`;

const formSchema = z.object({
  clientId: z
    .string()
    .trim()
    .min(1, "Enter the Client ID.")
    .max(100, "A Client ID has at most 100 characters.")
    .regex(/^[\x21-\x7e]+$/, "A Client ID has no spaces or special characters."),
  apiKey: z
    .string()
    .trim()
    .max(200, "An API key has at most 200 characters.")
    .regex(/^[\x21-\x7e]*$/, "An API key has no spaces or special characters."),
  region: z.string().refine(isCiscoRegion, `Choose a region: ${CISCO_REGIONS.map((r) => r.value).join(", ")}.`),
  baseUrl: z
    .string()
    .trim()
    .max(300, "A base URL has at most 300 characters.")
    .transform((v, ctx) => {
      if (!v) return null;
      const loopbackHttp = env().PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK;
      const n = normalizeBaseUrl(v, { allowLoopbackHttp: loopbackHttp });
      if (!n)
        ctx.addIssue({
          code: "custom",
          message: loopbackHttp
            ? "Use an https:// URL (plain http:// only to a loopback address such as http://127.0.0.1:8080)."
            : "Use an https:// URL without a user name, query or fragment.",
        });
      return n;
    }),
});

export type CiscoForm = { clientId: unknown; apiKey: unknown; region: unknown; baseUrl: unknown };

export async function getCiscoIntegration(actor: Actor): Promise<IntegrationRow | null> {
  assertCan(actor, "endpoints:view");
  return (await findIntegrationsOfKind("CISCO_SECURE_ENDPOINT"))[0] ?? null;
}

export const API_KEY_AGAIN =
  "Enter the API key again: the region or API base URL changed, and the stored key is only sent to the host it was saved for.";

async function credentials(input: CiscoForm) {
  const v = parseOrThrow(formSchema, input);
  const existing = (await findIntegrationsOfKind("CISCO_SECURE_ENDPOINT"))[0] ?? null;
  let apiKey = v.apiKey;
  if (!apiKey) {
    // Editing: an empty API key keeps the stored one, but only for the host it was saved for
    // (otherwise changing the base URL would send the stored key to any host).
    const stored = existing ? await findIntegrationWithSecrets(existing.id) : null;
    if (!stored?.apiKeySealed) throw validationError({ apiKey: "Enter the API key." });
    if (baseUrlOf(stored.region ?? "", stored.baseUrl) !== baseUrlOf(v.region, v.baseUrl))
      throw validationError({ apiKey: API_KEY_AGAIN });
    apiKey = unsealSecret(stored.apiKeySealed, CONTEXT(stored.id));
  }
  return { ...v, apiKey, existing };
}

/** What the administrator reads when a test or save fails: unreachable, or what the API answered. */
function failureText(r: { error: string; unreachable?: { host: string; cause: string } }) {
  return r.unreachable
    ? `Couldn't reach ${r.unreachable.host} (${r.unreachable.cause}). Check the region, DNS or proxy.`
    : `Cisco Secure Endpoint answered: ${r.error}`;
}

/** Calls GET /v1/computers?limit=1 with the credentials; the API host becomes the Hostname. */
async function probe(c: { clientId: string; apiKey: string; region: string; baseUrl: string | null }) {
  const baseUrl = baseUrlOf(c.region, c.baseUrl);
  const r = await ciscoGet({ baseUrl, clientId: c.clientId, apiKey: c.apiKey }, "/v1/computers?limit=1");
  if (!r.ok) {
    console.warn(
      JSON.stringify({
        at: "endpoints.cisco",
        event: "test_failed",
        host: new URL(baseUrl).host,
        status: r.status,
        error: r.error,
        ...(r.unreachable && { code: r.unreachable.code, detail: r.unreachable.detail }),
      }),
    );
    return { ok: false as const, text: failureText(r) };
  }
  const list = parseComputerList(r.body);
  if (!list)
    return {
      ok: false as const,
      text: failureText({ error: "The answer does not look like Cisco Secure Endpoint's API (no computer list)." }),
    };
  return { ok: true as const, hostname: new URL(baseUrl).host, computers: list.total };
}

export async function testCiscoIntegration(
  actor: Actor,
  input: CiscoForm,
): Promise<{ hostname: string; computers: number | null }> {
  assertCan(actor, "endpoints:manage");
  const c = await credentials(input);
  const r = await probe(c);
  if (!r.ok) throw new AppError("validation", r.text, { fieldErrors: { _test: r.text } });
  return { hostname: r.hostname, computers: r.computers };
}

/** Saves after a successful test with the same credentials; nothing is stored when the API refuses them. */
export async function saveCiscoIntegration(actor: Actor, input: CiscoForm): Promise<IntegrationRow> {
  assertCan(actor, "endpoints:manage");
  const c = await credentials(input);
  const r = await probe(c);
  if (!r.ok) throw new AppError("validation", `Not saved: ${r.text}`, { fieldErrors: { _test: r.text } });
  const apiKeyChanged = typeof input.apiKey === "string" && input.apiKey.trim() !== "";
  let saved: IntegrationRow;
  if (c.existing) {
    const id = c.existing.id;
    saved = await updateIntegration(id, {
      clientId: c.clientId,
      region: c.region,
      baseUrl: c.baseUrl,
      hostname: r.hostname,
      ...(apiKeyChanged && { apiKeySealed: sealSecret(c.apiKey, CONTEXT(id)) }),
    });
    const diff = changedFields(
      {
        clientId: c.existing.clientId,
        region: c.existing.region,
        baseUrl: c.existing.baseUrl,
        hostname: c.existing.hostname,
        apiKey: "unchanged",
      },
      {
        clientId: saved.clientId,
        region: saved.region,
        baseUrl: saved.baseUrl,
        hostname: saved.hostname,
        apiKey: apiKeyChanged ? "replaced" : "unchanged",
      },
      ["clientId", "region", "baseUrl", "hostname", "apiKey"],
    );
    if (diff)
      await audit(actor, {
        action: "endpoints.integration_update",
        targetType: "endpoint_integration",
        targetId: id,
        targetLabel: CISCO_NAME,
        ...diff,
      });
  } else {
    const id = crypto.randomUUID();
    saved = await insertIntegration({
      id,
      kind: "CISCO_SECURE_ENDPOINT",
      name: CISCO_NAME,
      enabled: false,
      clientId: c.clientId,
      apiKeySealed: sealSecret(c.apiKey, CONTEXT(id)),
      region: c.region,
      baseUrl: c.baseUrl,
      hostname: r.hostname,
    });
    await audit(actor, {
      action: "endpoints.integration_create",
      targetType: "endpoint_integration",
      targetId: id,
      targetLabel: CISCO_NAME,
      after: {
        kind: "CISCO_SECURE_ENDPOINT",
        clientId: c.clientId,
        region: c.region,
        baseUrl: c.baseUrl,
        hostname: r.hostname,
        enabled: false,
      },
    });
  }
  await configChanged();
  return saved;
}

/** The connection of an integration for the compromise check (unsealed API key). */
export async function ciscoConnection(integration: {
  id: string;
  clientId: string | null;
  apiKeySealed: string | null;
  region: string | null;
  baseUrl: string | null;
}) {
  if (!integration.clientId || !integration.apiKeySealed || !integration.region) return null;
  return {
    baseUrl: baseUrlOf(integration.region, integration.baseUrl),
    clientId: integration.clientId,
    apiKey: unsealSecret(integration.apiKeySealed, CONTEXT(integration.id)),
  };
}
