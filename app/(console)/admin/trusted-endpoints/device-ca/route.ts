// GET /admin/trusted-endpoints/device-ca — the device CA certificate (PEM) for a reverse proxy's ssl_client_certificate
import { currentActor } from "@/app/_server/actor";
import { can } from "@/lib/authz";
import { deviceCaCertificatePem } from "@/lib/services/endpoints/device-ca";

export async function GET() {
  const actor = await currentActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  if (!can(actor.role, "endpoints:view"))
    return new Response("Your administrator role does not allow this.", { status: 403 });
  return new Response(await deviceCaCertificatePem(), {
    headers: {
      "Content-Type": "application/x-pem-file",
      "Content-Disposition": 'attachment; filename="portcullis-device-ca.pem"',
      "Cache-Control": "no-store",
    },
  });
}
