"use server";
// Server actions of the Trusted Endpoints pages: thin wrappers around lib/services/endpoints.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/app/_server/actor";
import { runFormAction, savedResult } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { AppError } from "@/lib/errors";
import { MAX_INVENTORY_BYTES } from "@/lib/endpoints/inventory";
import {
  addInventoryIntegration,
  clearInventory,
  removeIntegration,
  renameIntegration,
  replaceInventoryFromText,
  rotateDeviceApiToken,
  setIntegrationEnabled,
  summarize,
} from "@/lib/services/endpoints/integrations";
import { saveCiscoIntegration, testCiscoIntegration } from "@/lib/services/endpoints/cisco-integration";
import { issueCertificate, revokeCertificate, type IssueResult } from "@/lib/services/endpoints/device-ca";
import { saveDeviceCheckSettings } from "@/lib/services/endpoints/device-check-settings";

const BASE = "/admin/trusted-endpoints";
const s = (fd: FormData, k: string) => String(fd.get(k) ?? "");

export type TokenState = (NonNullable<FormState> & { token?: string; integrationId?: string }) | null;

export async function addInventoryIntegrationAction(_prev: TokenState, fd: FormData): Promise<TokenState> {
  let created: { token: string; integrationId: string } | undefined;
  const state = await runFormAction(async () => {
    const r = await addInventoryIntegration(await requireActor(), { name: fd.get("name") });
    created = { token: r.token, integrationId: r.integration.id };
    return "Integration added.";
  }, fd);
  return { ...state!, ...created };
}

export async function rotateTokenAction(_prev: TokenState, fd: FormData): Promise<TokenState> {
  let token: string | undefined;
  const state = await runFormAction(async () => {
    token = await rotateDeviceApiToken(await requireActor(), s(fd, "id"));
    return "A new device API token was generated. The previous token no longer works.";
  }, fd);
  return { ...state!, token };
}

export async function renameIntegrationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(
    async () =>
      savedResult(await renameIntegration(await requireActor(), s(fd, "id"), { name: fd.get("name") }), "Name saved."),
    fd,
  );
}

export async function toggleIntegrationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const enabled = s(fd, "enabled") === "true";
  const state = await runFormAction(async () => {
    await setIntegrationEnabled(await requireActor(), s(fd, "id"), enabled);
    return enabled ? "The integration is enabled." : "The integration is disabled.";
  }, fd);
  revalidatePath(BASE, "layout");
  return state;
}

export async function removeIntegrationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done = false;
  const state = await runFormAction(async () => {
    await removeIntegration(await requireActor(), s(fd, "id"));
    done = true;
  }, fd);
  if (done) redirect(`${BASE}?removed=1`);
  return state;
}

export async function replaceInventoryAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const state = await runFormAction(async () => {
    const file = fd.get("inventoryFile");
    let text = s(fd, "inventory");
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_INVENTORY_BYTES)
        throw new AppError("validation", "The file is larger than 1 MiB.", {
          fieldErrors: { inventoryFile: "The file is larger than 1 MiB." },
        });
      if (!/\.(csv|txt)$/i.test(file.name))
        throw new AppError("validation", "Upload a .csv or .txt file.", {
          fieldErrors: { inventoryFile: "Upload a .csv or .txt file." },
        });
      text = await file.text();
    } else if (!text.trim()) {
      throw new AppError("validation", "Choose a file or enter device identifiers.", {
        fieldErrors: { inventory: "Choose a file or enter device identifiers." },
      });
    }
    const fromFile = file instanceof File && file.size > 0;
    try {
      return summarize(await replaceInventoryFromText(await requireActor(), s(fd, "id"), text));
    } catch (e) {
      // A problem in an uploaded file is shown beside the file input.
      if (fromFile && e instanceof AppError && e.fieldErrors?.inventory)
        throw new AppError(e.code, e.message, { fieldErrors: { inventoryFile: e.fieldErrors.inventory } });
      throw e;
    }
  }, fd);
  revalidatePath(`${BASE}/integrations/${s(fd, "id")}`);
  return state;
}

export async function clearInventoryAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const state = await runFormAction(async () => summarize(await clearInventory(await requireActor(), s(fd, "id"))), fd);
  revalidatePath(`${BASE}/integrations/${s(fd, "id")}`);
  return state;
}

export type IssueState = (NonNullable<FormState> & { issued?: IssueResult }) | null;

export async function issueCertificateAction(_prev: IssueState, fd: FormData): Promise<IssueState> {
  let issued: IssueResult | undefined;
  const state = await runFormAction(async () => {
    const r = await issueCertificate(await requireActor(), s(fd, "id"), {
      method: fd.get("method"),
      deviceId: fd.get("deviceId"),
      days: fd.get("days"),
      csrPem: fd.get("csrPem"),
    });
    issued = r;
    return r.method === "bundle"
      ? `Certificate issued for ${r.deviceId}. Download the bundle now: its password is shown only once.`
      : `Certificate issued for ${r.deviceId}.`;
  }, fd);
  revalidatePath(`${BASE}/integrations/${s(fd, "id")}`);
  return { ...state!, issued };
}

export async function revokeCertificateAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const state = await runFormAction(async () => {
    await revokeCertificate(await requireActor(), s(fd, "certificateId"));
    return "Certificate revoked. The device is no longer identified by it.";
  }, fd);
  revalidatePath(`${BASE}/integrations/${s(fd, "id")}`);
  return state;
}

export type CiscoState =
  (NonNullable<FormState> & { hostname?: string; computers?: number | null; saved?: boolean }) | null;

export async function ciscoAction(_prev: CiscoState, fd: FormData): Promise<CiscoState> {
  const op = s(fd, "op");
  const input = {
    clientId: fd.get("clientId") ?? "",
    apiKey: fd.get("apiKey") ?? "",
    region: fd.get("region") ?? "",
    baseUrl: fd.get("baseUrl") ?? "",
  };
  let extra: Partial<CiscoState> = {};
  const state = await runFormAction(async () => {
    const actor = await requireActor();
    if (op === "test") {
      const r = await testCiscoIntegration(actor, input);
      extra = { hostname: r.hostname, computers: r.computers };
      return `Connected to Cisco Secure Endpoint at ${r.hostname}${r.computers !== null ? ` (${r.computers} computer${r.computers === 1 ? "" : "s"})` : ""}.`;
    }
    const saved = await saveCiscoIntegration(actor, input);
    extra = { hostname: saved.hostname ?? undefined, saved: true };
    return "Cisco Secure Endpoint integration saved.";
  }, fd);
  revalidatePath(BASE, "layout");
  return { ...state!, ...extra };
}

export async function saveDeviceCheckSettingsAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const { changed } = await saveDeviceCheckSettings(await requireActor(), {
      deviceCheckUrl: fd.get("deviceCheckUrl") ?? "",
      trustedProxies: fd.get("trustedProxies") ?? "",
      clientCertHeader: fd.get("clientCertHeader") ?? "",
    });
    return savedResult(changed, "Device identity settings saved.");
  }, fd);
}
