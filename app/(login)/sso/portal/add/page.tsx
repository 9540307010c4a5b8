import { redirect } from "next/navigation";
import { readCookie } from "@/app/_server/cookies";
import {
  manageAssurance,
  PORTAL_TOTP_COOKIE,
  sessionFor,
  startTotpForPortal,
} from "@/lib/services/sign-in/portal-authenticators";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { loginContext, readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { Alert } from "@/components/ui/alert";
import { TotpSetup } from "@/components/mfa/totp-setup";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { factorErrors, type SsoT } from "@/components/mfa/factor-messages";
import { CodeForm } from "@/components/mfa/code-form";
import { passkeysAvailableAt } from "@/lib/mfa/passkey-host";

export const metadata = { title: "Add an authenticator" };

export default async function PortalAddPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const { ssoId } = await readSsoCookies();
  const session = await sessionFor(ssoId);
  if (!session) redirect("/sso/login");
  const ctx = await loginContext();
  // Changing authenticators needs a recent second factor: the portal offers "Verify it's you".
  if ((await manageAssurance(session, ctx)).kind !== "allow") redirect("/sso/portal?err=verify");
  const [{ locale, t }, { tenantName, publicBaseUrl }] = await Promise.all([ssoLocale(), getTenantSettings()]);
  const errors = factorErrors(t as SsoT);
  const error = typeof sp.err === "string" && Object.hasOwn(errors, sp.err) ? errors[sp.err] : undefined;
  // At an IP address WebAuthn cannot work: only the authenticator app is offered.
  const method = sp.method === "webauthn" && passkeysAvailableAt(publicBaseUrl) ? "webauthn" : "totp";
  const cancel = (
    <a href="/sso/portal" className="block text-center text-sm text-emerald-800 underline-offset-2 hover:underline">
      {t("portal.cancel")}
    </a>
  );
  let body;
  if (method === "totp") {
    const enrollment = await startTotpForPortal(session, error ? await readCookie(PORTAL_TOTP_COOKIE) : undefined, ctx);
    if (!enrollment) redirect("/sso/portal?err=verify");
    body = (
      <div className="space-y-5">
        <TotpSetup
          qrDataUrl={enrollment.qrDataUrl}
          secretText={enrollment.secretText}
          scan={t("enroll.totp.scan")}
          qrAlt={t("enroll.totp.qrAlt")}
          manual={t("enroll.totp.manual")}
        />
        <p className="text-sm text-slate-700">{t("enroll.totp.enter")}</p>
        <CodeForm
          action="/sso/portal/authenticators/totp"
          name="passcode"
          label={t("verify.passcode.label")}
          submit={t("enroll.totp.submit")}
          error={error}
          hidden={{ token: enrollment.token }}
          oneTimeCode
        />
        {cancel}
      </div>
    );
  } else {
    body = (
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t("enroll.webauthn.hint")}</p>
        <PasskeyButton
          mode="register"
          optionsUrl="/sso/portal/authenticators/passkey/options"
          verifyUrl="/sso/portal/authenticators/passkey"
          label={t("enroll.webauthn.button")}
          waiting={t("verify.passkey.waiting")}
          errors={errors}
        />
        <noscript>
          <p className="text-sm text-slate-600">{t("verify.passkey.noscript")}</p>
        </noscript>
        {error && <Alert tone="error">{error}</Alert>}
        {cancel}
      </div>
    );
  }
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={method === "totp" ? t("portal.add.totp") : t("portal.add.passkey")}
      subtitle={session.user.realName ?? session.user.username}
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
      wide
    >
      {body}
    </SsoCard>
  );
}
