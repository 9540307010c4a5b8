// "Import from SP metadata": configures the application from the SP's metadata (an uploaded
// file or its URL): Entity ID, the HTTP-POST ACS list, the Single Logout URL, the NameID
// formats and every signing certificate. Re-importing updates the same fields. Everything goes
// through the same validation and audit as a save from the form.
import { AppError } from "../../errors";
import { BINDING, NAMEID_FORMATS, nameIdFormatLabel, parseSpMetadata, SP_METADATA_MAX_BYTES } from "../../saml";
import { findApplicationById, type ApplicationRecord } from "../../db/applications";
import { httpUrlField } from "../../validation";
import { assertCan, type Actor } from "../actor";
import { saveApplication } from "./manage-applications";

const FETCH_TIMEOUT_MS = 5_000;

/** Downloads metadata from an http(s) URL: bounded time, bounded size, no redirects to other schemes. */
export async function fetchMetadata(url: string): Promise<string> {
  // Refused beside the URL field (parseOrThrow would name no field for a bare string).
  const checked = httpUrlField("metadata URL").safeParse(url);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "Enter the metadata URL.";
    throw new AppError("validation", message, { fieldErrors: { metadataUrl: message } });
  }
  const target = checked.data;
  let res: Response;
  try {
    res = await fetch(target, {
      redirect: "follow",
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { Accept: "application/samlmetadata+xml, application/xml, text/xml" },
    });
  } catch (e) {
    throw new AppError("validation", "The metadata URL could not be reached.", {
      fieldErrors: {
        metadataUrl: `Could not download it: ${(e as Error).name === "TimeoutError" ? "no answer within 5 seconds" : "the connection failed"}.`,
      },
      cause: e,
    });
  }
  if (!res.ok || !res.body)
    throw new AppError("validation", "The metadata URL did not return metadata.", {
      fieldErrors: { metadataUrl: `The server answered ${res.status}.` },
    });
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > SP_METADATA_MAX_BYTES) {
      await reader.cancel();
      throw new AppError("validation", "The metadata is too large.", {
        fieldErrors: { metadataUrl: "The metadata is larger than 512 KiB." },
      });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function importSpMetadata(
  actor: Actor,
  applicationId: string,
  source: { xml?: string; url?: string },
): Promise<{ app: ApplicationRecord; summary: string }> {
  assertCan(actor, "applications:manage");
  const current = await findApplicationById(applicationId);
  if (!current) throw new AppError("not_found", "That application does not exist or was removed.");
  const field = source.url ? "metadataUrl" : "metadataFile";
  if (!source.url && !source.xml?.trim())
    throw new AppError("validation", "Choose a metadata file or enter its URL.", {
      fieldErrors: { metadataFile: "Choose the SP metadata file (XML) or enter its URL." },
    });
  const xml = source.url ? await fetchMetadata(source.url) : source.xml!;
  let meta;
  try {
    meta = parseSpMetadata(xml);
  } catch (e) {
    if (e instanceof AppError) throw new AppError("validation", e.message, { fieldErrors: { [field]: e.message } });
    throw e;
  }
  const acs = meta.acs.filter((a) => a.binding === BINDING.post);
  if (!acs.some((a) => a.isDefault)) acs[0]!.isDefault = true;
  // The NameID formats the SP lists that Portcullis produces: the first is the default
  // (Webex: "the first entry"), the others are answered when a request asks for them.
  const formats = meta.nameIdFormats.filter((f, i, all) => NAMEID_FORMATS.includes(f) && all.indexOf(f) === i);
  const nameIdFormat = formats[0] ?? current.nameIdFormat;
  const nameIdFormatsAccepted = formats.length ? formats.slice(1) : current.nameIdFormatsAccepted;
  // Every signing certificate (a key rollover lists the old and the new one): a signature
  // verifies with any of them. Metadata without one keeps what is stored.
  const spCertificatePem = meta.signingCertificates.length
    ? meta.signingCertificates.join("")
    : current.spCertificatePem;
  const sloUrl = meta.sloUrl ?? current.sloUrl ?? "";
  const { app } = await saveApplication(actor, applicationId, {
    ...current,
    notes: current.notes ?? "",
    spEntityId: meta.entityId,
    acs: acs.map((a) => ({ ...a, isDefault: a.isDefault })),
    sloUrl,
    spLoginUrl: current.spLoginUrl ?? "",
    defaultRelayState: current.defaultRelayState ?? "",
    nameIdFormat,
    nameIdFormatsAccepted,
    spCertificatePem: spCertificatePem ?? "",
    requireSignedRequests: meta.authnRequestsSigned && !!spCertificatePem ? true : current.requireSignedRequests,
  }).catch((e: unknown) => {
    // A value from the file the form would refuse: say which one, beside the import field.
    if (e instanceof AppError && e.fieldErrors) {
      const [path, message] = Object.entries(e.fieldErrors)[0]!;
      throw new AppError("validation", message, {
        fieldErrors: { [field]: `The metadata cannot be used (${path}): ${message}` },
      });
    }
    throw e;
  });
  const parts = [`Entity ID ${meta.entityId}`, `${acs.length} ACS URL${acs.length === 1 ? "" : "s"}`];
  if (meta.sloUrl) parts.push("Single Logout URL");
  if (formats.length) parts.push(`NameID format ${formats.map(nameIdFormatLabel).join(", ")}`);
  const certs = meta.signingCertificates.length;
  if (certs) parts.push(`${certs} signing certificate${certs === 1 ? "" : "s"}`);
  const skipped = meta.acs.length - acs.length;
  return {
    app,
    summary: `Imported ${parts.join(", ")}.${skipped ? ` Skipped ${skipped} ACS URL${skipped === 1 ? "" : "s"} that ${skipped === 1 ? "does" : "do"} not use HTTP-POST.` : ""}`,
  };
}
