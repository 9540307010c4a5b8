"use client";
import { useActionState } from "react";
import { saveDeviceCheckSettingsAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { FormMessage } from "@/components/ui/alert";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function DeviceCheckForm({
  initial,
  readOnly,
}: {
  initial: { deviceCheckUrl: string; trustedProxies: string; clientCertHeader: string };
  readOnly: boolean;
}) {
  const [state, action] = useActionState(saveDeviceCheckSettingsAction, null);
  const fe = state?.fieldErrors ?? {};
  const v = { ...initial, ...state?.values };
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      <TextField
        label="Device check URL"
        name="deviceCheckUrl"
        type="url"
        defaultValue={v.deviceCheckUrl}
        disabled={readOnly}
        error={fe.deviceCheckUrl}
        placeholder="https://device.sso.example.com:8443"
        hint="Where the sign-in page sends browsers to present their device certificate: the device check listener (PORTCULLIS_DEVICE_CHECK_TLS_PORT) or the reverse proxy in front of it. Empty: endpoints are not identified."
      />
      <TextAreaField
        label="Trusted proxy addresses"
        name="trustedProxies"
        rows={3}
        defaultValue={v.trustedProxies}
        disabled={readOnly}
        error={fe.trustedProxies}
        placeholder={"10.0.0.5\n10.20.0.0/24"}
        hint="IP addresses or CIDR ranges, one per line. A client certificate header is accepted only from these peers (the TCP peer address of the connection, not X-Forwarded-For). Empty: headers are never trusted."
      />
      <TextField
        label="Client certificate header"
        name="clientCertHeader"
        defaultValue={v.clientCertHeader}
        disabled={readOnly}
        error={fe.clientCertHeader}
        hint="The header your proxy puts the URL-encoded PEM in, e.g. nginx: proxy_set_header X-Client-Cert $ssl_client_escaped_cert;"
      />
      {!readOnly && <SubmitButton>Save device identity settings</SubmitButton>}
      <FormMessage state={state} />
    </form>
  );
}
