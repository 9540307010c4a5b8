"use server";
import { redirect } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { runFormAction, savedResult } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { AppError } from "@/lib/errors";
import {
  protectApplication,
  removeApplication,
  saveApplication,
} from "@/lib/services/applications/manage-applications";
import { importSpMetadata } from "@/lib/services/applications/import-sp-metadata";
import { findCatalogEntry } from "@/lib/services/applications/catalog";
import { protectApiApplication, resetSecretKey, saveApiApplication } from "@/lib/services/duo-api/api-applications";

export async function protectApplicationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let id: string | undefined;
  const state = await runFormAction(async () => {
    const catalogId = String(fd.get("catalogId") ?? "");
    const api = findCatalogEntry(catalogId)?.api;
    const app = api
      ? await protectApiApplication(await requireActor(), api)
      : await protectApplication(await requireActor(), catalogId);
    id = app.id;
  }, fd);
  if (id) redirect(`/admin/applications/${id}?protected=1`);
  return state;
}

function parseJsonList(fd: FormData, name: string, label: string): unknown[] {
  try {
    const v: unknown = JSON.parse(String(fd.get(name) ?? "[]"));
    if (Array.isArray(v)) return v;
  } catch {
    // fall through
  }
  throw new AppError("validation", `The ${label} could not be read. Reload the page and try again.`);
}

export async function saveApplicationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const actor = await requireActor();
    const { changed } = await saveApplication(actor, String(fd.get("id") ?? ""), {
      name: fd.get("name") ?? "",
      notes: fd.get("notes") ?? "",
      spEntityId: fd.get("spEntityId") ?? "",
      acs: parseJsonList(fd, "acsJson", "ACS table"),
      sloUrl: fd.get("sloUrl") ?? "",
      spLoginUrl: fd.get("spLoginUrl") ?? "",
      defaultRelayState: fd.get("defaultRelayState") ?? "",
      nameIdFormat: fd.get("nameIdFormat") ?? "",
      nameIdFormatsAccepted: fd.getAll("nameIdFormatsAccepted").map(String),
      nameIdAttribute: fd.get("nameIdAttribute") ?? "",
      signatureAlgorithm: fd.get("signatureAlgorithm") ?? "",
      signResponse: fd.get("signResponse") === "on",
      signAssertion: fd.get("signAssertion") === "on",
      attributes: parseJsonList(fd, "attributesJson", "attribute mappings"),
      requireSignedRequests: fd.get("requireSignedRequests") === "on",
      spCertificatePem: fd.get("spCertificatePem") ?? "",
      userAccess: fd.get("userAccess") ?? "",
      permittedGroupIds: fd.getAll("permittedGroupIds").map(String),
    });
    return savedResult(changed, "Application saved.");
  }, fd);
}

const MAX_METADATA_FILE_BYTES = 512 * 1024;

export async function importMetadataAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done: { id: string; summary: string } | undefined;
  const state = await runFormAction(async () => {
    const id = String(fd.get("id") ?? "");
    const url = String(fd.get("metadataUrl") ?? "").trim();
    const file = fd.get("metadataFile");
    let xml: string | undefined;
    if (!url && file instanceof File && file.size > 0) {
      if (file.size > MAX_METADATA_FILE_BYTES)
        throw new AppError("validation", "The metadata file is larger than 512 KiB.", {
          fieldErrors: { metadataFile: "The metadata file is larger than 512 KiB." },
        });
      xml = await file.text();
    }
    const { summary } = await importSpMetadata(await requireActor(), id, url ? { url } : { xml });
    done = { id, summary };
  }, fd);
  if (done) redirect(`/admin/applications/${done.id}?imported=${encodeURIComponent(done.summary)}`);
  return state;
}

export async function removeApplicationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done = false;
  const state = await runFormAction(async () => {
    await removeApplication(await requireActor(), String(fd.get("id") ?? ""));
    done = true;
  }, fd);
  if (done) redirect("/admin/applications?removed=1");
  return state;
}

/** The new secret key travels only in this action's answer (shown once, never in a URL or cookie). */
export type SecretKeyState = { ok: boolean; message?: string; secretKey?: string } | null;

export async function resetSecretKeyAction(_prev: SecretKeyState, fd: FormData): Promise<SecretKeyState> {
  let secretKey: string | undefined;
  const state = await runFormAction(async () => {
    secretKey = await resetSecretKey(await requireActor(), String(fd.get("id") ?? ""));
  });
  return state?.ok ? { ok: true, secretKey } : { ok: false, message: state?.message };
}

export async function saveApiApplicationAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const changed = await saveApiApplication(await requireActor(), String(fd.get("id") ?? ""), {
      name: fd.get("name") ?? "",
      notes: fd.get("notes") ?? "",
      grants: fd.getAll("grants").map(String),
    });
    return savedResult(changed, "Application saved.");
  }, fd);
}
