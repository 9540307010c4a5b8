import { redirect } from "next/navigation";
import { isEnrollFactor, stepPage, totpEnrollmentView } from "@/lib/services/sign-in/second-factor";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { CodeForm } from "@/components/mfa/code-form";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { TotpSetup } from "@/components/mfa/totp-setup";
import { MethodChoice } from "@/components/mfa/method-choice";
import { factorErrors, type SsoT } from "@/components/mfa/factor-messages";

export const metadata = { title: "Enroll" };

export default async function EnrollPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const { txId } = await readSsoCookies();
  const [view, { locale, t }, { tenantName }] = await Promise.all([
    stepPage(txId, "ENROLL"),
    ssoLocale(),
    getTenantSettings(),
  ]);
  if (view.redirect !== undefined) redirect(view.redirect);
  const errors = factorErrors(t as SsoT);
  const error = typeof sp.e === "string" && Object.hasOwn(errors, sp.e) ? errors[sp.e] : undefined;
  const methods = view.factors.filter(isEnrollFactor);
  const remember = view.rememberHours ? t("verify.remember", { hours: String(view.rememberHours) }) : undefined;
  const method =
    isEnrollFactor(sp.method) && methods.includes(sp.method) ? sp.method : methods.length === 1 ? methods[0] : null;
  const back =
    methods.length > 1 && method ? (
      <a href="/sso/enroll" className="block text-center text-sm text-emerald-800 underline-offset-2 hover:underline">
        {t("enroll.back")}
      </a>
    ) : null;

  let body;
  if (!method) {
    body = (
      <MethodChoice
        action="/sso/enroll"
        legend={t("enroll.method")}
        submit={t("enroll.choose")}
        options={methods.map((m) => ({ value: m, title: t(`enroll.${m}.title`), description: t(`enroll.${m}.desc`) }))}
      />
    );
  } else if (method === "totp") {
    const enrollment = await totpEnrollmentView(txId);
    if (!enrollment) redirect("/sso/login");
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
          action="/sso/enroll/totp"
          name="passcode"
          label={t("verify.passcode.label")}
          submit={t("enroll.totp.submit")}
          error={error}
          oneTimeCode
          remember={remember}
        />
        {back}
      </div>
    );
  } else {
    body = (
      <div className="space-y-4">
        {error && <Alert tone="error">{error}</Alert>}
        <p className="text-sm text-slate-600">{t("enroll.webauthn.hint")}</p>
        <PasskeyButton
          mode="register"
          optionsUrl="/sso/enroll/passkey/options"
          verifyUrl="/sso/enroll/passkey"
          label={t("enroll.webauthn.button")}
          waiting={t("verify.passkey.waiting")}
          errors={errors}
          remember={remember}
        />
        <noscript>
          <p className="text-sm text-slate-600">{t("verify.passkey.noscript")}</p>
        </noscript>
        {back}
      </div>
    );
  }
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={t("enroll.title")}
      subtitle={t("enroll.subtitle")}
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
      wide
    >
      <p className="mb-4 text-sm text-slate-600">
        {t("login.signedInAs")} <strong className="font-medium text-slate-900">{view.username}</strong>
      </p>
      {body}
      <form method="post" action="/sso/restart" className="mt-6 text-center">
        <button type="submit" className={buttonClass("ghost", "text-sm")}>
          {t("verify.cancel")}
        </button>
      </form>
    </SsoCard>
  );
}
