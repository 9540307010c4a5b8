// "Import from SP metadata": configures the application from the SP's metadata (an uploaded
// file or its URL): Entity ID, the HTTP-POST ACS list, the Single Logout URL, the NameID
// formats and every signing certificate. Re-importing updates the same fields. Everything goes
// through the same validation and audit as a save from the form.
import { AppError } from "../../errors";
import { BINDING, NAMEID_FORMATS, nameIdFormatLabel, parseSpMetadata, SP_METADATA_MAX_BYTES } from "../../saml";
import { findApplicationById, type ApplicationRecord } from "../../db/applications";
import { guardedFetch, logOutboundFailure, OutboundFetchError } from "../../net/guarded-fetch";
import { httpUrlField } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { saveApplication } from "./manage-applications";

const FETCH_TIMEOUT_MS = 5_000;

/**
 * What an administrator sees when a metadata URL cannot be fetched, whatever the reason: an
 * address inside the network, a closed port, a timeout, an error status or an oversized
 * answer all read the same, so the form cannot be used to map the network. The exact cause
 * goes to the server log and the Administrator Log.
 */
export const METADATA_URL_UNAVAILABLE =
  "Couldn't download metadata from that URL. It must be a public https:// address that answers with the metadata within 5 seconds; otherwise upload the file.";

export class MetadataFetchError extends AppError {
  constructor(readonly cause: { code: string; host: string; detail: string }) {
    super("validation", METADATA_URL_UNAVAILABLE, { fieldErrors: { metadataUrl: METADATA_URL_UNAVAILABLE } });
  }
}

/** Downloads metadata through the guarded fetch (lib/net/guarded-fetch.ts): public https only, 3 redirects, 5 s, 512 KiB. */
export async function fetchMetadata(url: string): Promise<string> {
  // Refused beside the URL field (parseOrThrow would name no field for a bare string).
  const checked = httpUrlField("metadata URL").safeParse(url);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "Enter the metadata URL.";
    throw new AppError("validation", message, { fieldErrors: { metadataUrl: message } });
  }
  let res;
  try {
    res = await guardedFetch(checked.data, {
      maxBytes: SP_METADATA_MAX_BYTES,
      timeoutMs: FETCH_TIMEOUT_MS,
      headers: { Accept: "application/samlmetadata+xml, application/xml, text/xml" },
    });
  } catch (e) {
    if (!(e instanceof OutboundFetchError)) throw e;
    logOutboundFailure("sp-metadata", e);
    throw new MetadataFetchError({ code: e.code, host: e.host, detail: e.detail });
  }
  if (res.status < 200 || res.status > 299) {
    const host = new URL(res.url).host;
    const detail = `HTTP ${res.status} ${res.statusText}`.trim();
    logOutboundFailure("sp-metadata", new OutboundFetchError("connect_failed", host, detail));
    throw new MetadataFetchError({ code: "http_status", host, detail });
  }
  return res.body.toString("utf8");
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
  let xml: string;
  try {
    xml = source.url ? await fetchMetadata(source.url) : source.xml!;
  } catch (e) {
    // The administrator sees the generic text; the Administrator Log keeps what happened.
    if (e instanceof MetadataFetchError)
      await audit(actor, {
        action: "application.metadata_fetch_failed",
        targetType: "application",
        targetId: current.id,
        targetLabel: current.name,
        after: { url: source.url!.slice(0, 300), ...e.cause },
      });
    throw e;
  }
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
