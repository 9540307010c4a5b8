// The policy editor's form fields -> the settings object the service validates. Field names
// are the settings paths ("rememberedDevices.hours"), so a validation issue's path names the
// field its message goes beside. A custom policy sends "configured.<section>" = "on" for each
// section it sets; the Global Policy sets every section.
import { SECTION_KEYS, type SectionKey } from "../../policy";

export type FormLike = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

const str = (fd: FormLike, name: string) => {
  const v = fd.get(name);
  return typeof v === "string" ? v : "";
};

/** "12" -> 12; anything else is passed on as typed, so the schema refuses it with its message. */
const numberOrRaw = (v: string): number | string => (/^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v);

/** Splits a list of networks typed one per line or separated by commas or spaces. */
export const splitNetworks = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function section(fd: FormLike, key: SectionKey): unknown {
  switch (key) {
    case "newUserPolicy":
      return { action: str(fd, "newUserPolicy.action") };
    case "authenticationPolicy":
      return { action: str(fd, "authenticationPolicy.action") };
    case "authenticationMethods":
      return { allowed: fd.getAll("authenticationMethods.allowed").map(String) };
    case "trustedEndpoints":
      return {
        mode: str(fd, "trustedEndpoints.mode"),
        blockCompromised: str(fd, "trustedEndpoints.blockCompromised") === "on",
      };
    case "rememberedDevices":
      return {
        enabled: str(fd, "rememberedDevices.enabled") === "on",
        hours: numberOrRaw(str(fd, "rememberedDevices.hours")),
      };
    case "authorizedNetworks":
      return {
        allowList: splitNetworks(str(fd, "authorizedNetworks.allowList")),
        allowWithout2fa: str(fd, "authorizedNetworks.allowWithout2fa") === "on",
        outside: str(fd, "authorizedNetworks.outside"),
      };
  }
}

/** The editor's submission as service input: name, description and the sections set. */
export function policyInputFromForm(
  fd: FormLike,
  isGlobal: boolean,
): { name: string; description: string; settings: Record<string, unknown> } {
  const settings: Record<string, unknown> = {};
  for (const key of SECTION_KEYS) {
    if (isGlobal || str(fd, `configured.${key}`) === "on") settings[key] = section(fd, key);
  }
  return { name: str(fd, "name"), description: str(fd, "description"), settings };
}

/** The form field a settings issue path belongs to: "authorizedNetworks.allowList.3" -> "authorizedNetworks.allowList". */
export function fieldForIssuePath(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts.length === 0) return "_form";
  if (parts.length === 1) return parts[0]!;
  return `${parts[0]}.${parts[1]}`;
}
