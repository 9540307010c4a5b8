// Plain-language summaries of policy sections for the console (policy list, editor, the
// application page's effective policy). Pure.
import {
  AUTHENTICATION_LABELS,
  AUTHORIZED_NETWORKS_LABELS,
  BLOCK_COMPROMISED_LABEL,
  FACTOR_LABELS,
  NEW_USER_LABELS,
  OUTSIDE_NETWORK_LABELS,
  TRUSTED_ENDPOINT_LABELS,
  type CompletePolicySettings,
  type SectionKey,
} from "./settings";

/** One or more short lines describing a section's value. */
export function describeSection<K extends SectionKey>(key: K, value: CompletePolicySettings[K]): string[] {
  switch (key) {
    case "newUserPolicy":
      return [NEW_USER_LABELS[(value as CompletePolicySettings["newUserPolicy"]).action].label];
    case "authenticationPolicy":
      return [AUTHENTICATION_LABELS[(value as CompletePolicySettings["authenticationPolicy"]).action].label];
    case "authenticationMethods":
      return (value as CompletePolicySettings["authenticationMethods"]).allowed.map((f) => FACTOR_LABELS[f].label);
    case "trustedEndpoints": {
      const v = value as CompletePolicySettings["trustedEndpoints"];
      return [
        TRUSTED_ENDPOINT_LABELS[v.mode].label,
        ...(v.mode === "require_trusted" && v.blockCompromised ? [BLOCK_COMPROMISED_LABEL.label] : []),
      ];
    }
    case "rememberedDevices": {
      const v = value as CompletePolicySettings["rememberedDevices"];
      return [
        v.enabled ? `Remember devices for ${v.hours} ${v.hours === 1 ? "hour" : "hours"}` : "Do not remember devices",
      ];
    }
    case "authorizedNetworks": {
      const v = value as CompletePolicySettings["authorizedNetworks"];
      if (v.allowList.length === 0) return ["No authorized networks"];
      return [
        `${v.allowWithout2fa ? AUTHORIZED_NETWORKS_LABELS.allowWithout2fa.label : "Authorized networks (2FA still required)"}: ${v.allowList.join(", ")}`,
        `${AUTHORIZED_NETWORKS_LABELS.outside.label}: ${OUTSIDE_NETWORK_LABELS[v.outside].label}`,
      ];
    }
    default:
      return [];
  }
}
