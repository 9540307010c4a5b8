import { redirect } from "next/navigation";
import { stepPage } from "@/lib/services/sign-in/second-factor";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { Alert } from "@/components/ui/alert";
import { CodeForm } from "@/components/mfa/code-form";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { factorErrors, type SsoT } from "@/components/mfa/factor-messages";

export const metadata = { title: "Verify" };

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const { txId } = await readSsoCookies();
  const [view, { locale, t }, { tenantName }] = await Promise.all([
    stepPage(txId, "MFA"),
    ssoLocale(),
    getTenantSettings(),
  ]);
  if (view.redirect !== undefined) redirect(view.redirect);
  const errors = factorErrors(t as SsoT);
  const error = typeof sp.e === "string" && Object.hasOwn(errors, sp.e) ? errors[sp.e] : undefined;
  const bypass = sp.m === "bypass";
  const has = (f: string) => view.factors.includes(f);
  const remember = view.rememberHours ? t("verify.remember", { hours: String(view.rememberHours) }) : undefined;
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={t("verify.title")}
      subtitle={
        view.manage
          ? t("verify.subtitleManage")
          : view.app
            ? t("verify.subtitle", { app: view.app.name })
            : t("verify.subtitlePortal")
      }
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
    >
      <p className="mb-4 text-sm text-slate-600">
        {t("login.signedInAs")} <strong className="font-medium text-slate-900">{view.username}</strong>
      </p>
      {error && !bypass && (
        <div className="mb-4">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      <div className="space-y-6">
        {has("webauthn") && (
          <section aria-labelledby="passkey-heading" className="space-y-2">
            <h2 id="passkey-heading" className="sr-only">
              {t("enroll.webauthn.title")}
            </h2>
            <p className="text-sm text-slate-600">{t("verify.passkey.hint")}</p>
            <PasskeyButton
              mode="authenticate"
              optionsUrl="/sso/verify/passkey/options"
              verifyUrl="/sso/verify/passkey"
              label={t("verify.passkey.button")}
              waiting={t("verify.passkey.waiting")}
              errors={errors}
              variant={has("totp") ? "secondary" : "primary"}
              remember={remember}
            />
            <noscript>
              <p className="text-sm text-slate-600">{t("verify.passkey.noscript")}</p>
            </noscript>
          </section>
        )}
        {has("totp") && (
          <CodeForm
            action="/sso/verify/passcode"
            name="passcode"
            label={t("verify.passcode.label")}
            hint={t("verify.passcode.hint")}
            submit={t("verify.passcode.submit")}
            autoFocus={!bypass}
            oneTimeCode
            remember={remember}
          />
        )}
        <details
          open={bypass || (!has("totp") && !has("webauthn"))}
          className="rounded-lg border border-slate-200 px-4 py-3"
        >
          <summary className="cursor-pointer text-sm font-medium text-emerald-800">{t("verify.bypass.link")}</summary>
          <div className="mt-4">
            <CodeForm
              action="/sso/verify/bypass"
              name="bypassCode"
              label={t("verify.bypass.label")}
              hint={t("verify.bypass.hint")}
              submit={t("verify.bypass.submit")}
              error={bypass ? error : undefined}
              autoFocus={bypass}
              remember={remember}
            />
          </div>
        </details>
        <form method="post" action="/sso/restart" className="text-center">
          <button type="submit" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
            {t("verify.cancel")}
          </button>
        </form>
      </div>
    </SsoCard>
  );
}
