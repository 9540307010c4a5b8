"use client";
import { saveDeviceCheckSettingsAction } from "@/app/(console)/admin/trusted-endpoints/actions";
import { ActionForm, FormStatus, useFormAction } from "@/components/ui/action-form";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function DeviceCheckForm({
  initial,
  readOnly,
}: {
  initial: { deviceCheckUrl: string; trustedProxies: string; clientCertHeader: string };
  readOnly: boolean;
}) {
  const form = useFormAction(saveDeviceCheckSettingsAction);
  return (
    <ActionForm form={form} className="max-w-2xl space-y-4">
      <TextField
        label="Device check URL"
        name="deviceCheckUrl"
        type="url"
        defaultValue={initial.deviceCheckUrl}
        disabled={readOnly}
        placeholder="https://device.sso.example.com:8443"
        hint="Where the sign-in page sends browsers to present their device certificate: the device check listener (PORTCULLIS_DEVICE_CHECK_TLS_PORT) or the reverse proxy in front of it. Empty: endpoints are not identified."
      />
      <TextAreaField
        label="Trusted proxy addresses"
        name="trustedProxies"
        rows={3}
        defaultValue={initial.trustedProxies}
        disabled={readOnly}
        placeholder={"10.0.0.5\n10.20.0.0/24"}
        hint="IP addresses or CIDR ranges, one per line. A client certificate header is accepted only from these peers (the TCP peer address of the connection, not X-Forwarded-For). Empty: headers are never trusted."
      />
      <TextField
        label="Client certificate header"
        name="clientCertHeader"
        defaultValue={initial.clientCertHeader}
        disabled={readOnly}
        hint="The header your proxy puts the URL-encoded PEM in, e.g. nginx: proxy_set_header X-Client-Cert $ssl_client_escaped_cert;"
      />
      {!readOnly && <SubmitButton>Save device identity settings</SubmitButton>}
      <FormStatus form={form} />
    </ActionForm>
  );
}
