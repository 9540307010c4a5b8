"use server";
import { redirect } from "next/navigation";
import { requireActor } from "@/app/_server/actor";
import { runFormAction, savedResult, submittedValues } from "@/app/_server/form-action";
import type { FormState } from "@/components/ui/form-state";
import { AppError } from "@/lib/errors";
import { IDP_METADATA_MAX_BYTES } from "@/lib/saml";
import {
  createSource,
  removeSource,
  saveSource,
  setApplicationSource,
  setDefaultSource,
  type SourceForm,
} from "@/lib/services/auth-sources/manage-sources";

/** The form's fields (repeated ones as lists) and the metadata to import, if any. */
async function readSourceForm(fd: FormData): Promise<{ form: SourceForm; metadata: { xml?: string; url?: string } }> {
  const form: SourceForm = submittedValues(fd);
  form.certificatesPem = String(fd.get("certificatesPem") ?? "");
  const url = String(fd.get("metadataUrl") ?? "").trim();
  const file = fd.get("metadataFile");
  let xml: string | undefined;
  if (!url && file instanceof File && file.size > 0) {
    if (file.size > IDP_METADATA_MAX_BYTES)
      throw new AppError("validation", "The metadata file is larger than 512 KiB.", {
        fieldErrors: { metadataFile: "The metadata file is larger than 512 KiB." },
      });
    xml = await file.text();
  }
  return { form, metadata: url ? { url } : { xml } };
}

export async function createSourceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let id: string | undefined;
  const state = await runFormAction(async () => {
    const { form, metadata } = await readSourceForm(fd);
    id = (await createSource(await requireActor(), form, metadata)).id;
  }, fd);
  if (id) redirect(`/admin/settings/sources/${id}?created=1`);
  return state;
}

export async function saveSourceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const { form, metadata } = await readSourceForm(fd);
    const { changed } = await saveSource(await requireActor(), String(fd.get("id") ?? ""), form, metadata);
    return savedResult(changed, "Authentication source saved.");
  }, fd);
}

export async function removeSourceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let done = false;
  const state = await runFormAction(async () => {
    await removeSource(await requireActor(), String(fd.get("id") ?? ""));
    done = true;
  }, fd);
  if (done) redirect("/admin/settings/sources?removed=1");
  return state;
}

export async function setDefaultSourceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const v = String(fd.get("defaultSource") ?? "BUILTIN");
    const { changed } = await setDefaultSource(await requireActor(), v === "BUILTIN" ? null : v);
    return savedResult(changed, "Default authentication source saved.");
  }, fd);
}

export async function setApplicationSourceAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const { changed } = await setApplicationSource(
      await requireActor(),
      String(fd.get("id") ?? ""),
      String(fd.get("authSource") ?? "DEFAULT"),
    );
    return savedResult(changed, "Authentication source saved.");
  }, fd);
}
