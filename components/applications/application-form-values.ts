// A stored application as the form's initial values (empty strings for unset fields).
import type { ApplicationRecord } from "@/lib/services/applications/manage-applications";
import { applicationSettingsInput } from "@/lib/services/applications/application-schema";
import type { ApplicationFormValues } from "./application-form";

export function applicationFormValues(app: ApplicationRecord): ApplicationFormValues {
  return { id: app.id, ...applicationSettingsInput(app) };
}
