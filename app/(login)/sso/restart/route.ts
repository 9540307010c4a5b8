// POST /sso/restart — "Cancel and use another account" on the second-factor pages: back to step one
import { cookies } from "next/headers";
import { TX_COOKIE } from "@/app/_server/sso";
import { seeOther } from "@/app/_server/sso-factor";
import { restartLogin } from "@/lib/services/sign-in/hosted-login";

export async function POST() {
  await restartLogin((await cookies()).get(TX_COOKIE)?.value);
  return seeOther("/sso/login");
}
