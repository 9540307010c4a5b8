// POST /sso/portal/authenticators/rename — the portal's rename form (works without JavaScript)
import { loginContext, readSsoCookies } from "@/app/_server/sso";
import { readFormCapped, SMALL_FORM_BYTES } from "@/app/_server/request";
import { seeOther } from "@/app/_server/sso-factor";
import { renameMine } from "@/lib/services/sign-in/portal-authenticators";
import { portalRedirect } from "../result";

export async function POST(req: Request) {
  const fd = await readFormCapped(req, SMALL_FORM_BYTES);
  const { ssoId } = await readSsoCookies();
  const r = await renameMine(
    ssoId,
    String(fd?.get("id") ?? "").slice(0, 64),
    String(fd?.get("name") ?? "").slice(0, 200),
    await loginContext(),
  );
  return seeOther(portalRedirect(r));
}
