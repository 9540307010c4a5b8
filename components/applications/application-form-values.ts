// A stored application as the form's initial values (empty strings for unset fields).
import type { ApplicationRecord } from "@/lib/db/applications";
import type { ApplicationFormValues } from "./application-form";

export function applicationFormValues(app: ApplicationRecord): ApplicationFormValues {
  return {
    id: app.id,
    name: app.name,
    notes: app.notes ?? "",
    spEntityId: app.spEntityId ?? "",
    acs: app.acs,
    sloUrl: app.sloUrl ?? "",
    spLoginUrl: app.spLoginUrl ?? "",
    defaultRelayState: app.defaultRelayState ?? "",
    nameIdFormat: app.nameIdFormat,
    nameIdAttribute: app.nameIdAttribute,
    signatureAlgorithm: app.signatureAlgorithm,
    signResponse: app.signResponse,
    signAssertion: app.signAssertion,
    attributes: app.attributes,
    requireSignedRequests: app.requireSignedRequests,
    spCertificatePem: app.spCertificatePem ?? "",
    userAccess: app.userAccess,
    permittedGroupIds: app.permittedGroupIds,
  };
}
