// POST /sso/restart — "Cancel and use another account" on the second-factor pages: back to step one
import { TX_COOKIE } from "@/app/_server/sso";
import { readCookie } from "@/app/_server/cookies";
import { seeOther } from "@/app/_server/sso-factor";
import { restartLogin } from "@/lib/services/sign-in/hosted-login";

export async function POST() {
  await restartLogin(await readCookie(TX_COOKIE));
  return seeOther("/sso/login");
}
