import type { Metadata } from "next";
import { ssoLocale } from "@/app/_server/sso";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { checkResetLink } from "@/lib/services/users/password-reset";
import { resetTranslator } from "@/lib/i18n/reset-messages";
import { SsoCard } from "@/components/sso/sso-card";
import { ResetPasswordForm } from "@/components/sso/reset-password-form";

// The token is in the path: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer", robots: { index: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ locale, t }, { tenantName }, link] = await Promise.all([ssoLocale(), getTenantSettings(), checkResetLink(token)]);
  const r = resetTranslator(locale);
  if (!link.ok) {
    return (
      <SsoCard lang={locale} tenantName={tenantName} title={r("reset.invalid.title")} footer={t("footer.secured")}>
        <p role="alert" className="text-sm text-slate-700">{r("reset.invalid.body")}</p>
      </SsoCard>
    );
  }
  const m = {
    password: r("reset.password"),
    confirm: r("reset.confirm"),
    hint: r("reset.hint"),
    submit: r("reset.submit"),
    pending: r("reset.pending"),
    doneTitle: r("reset.done.title"),
    doneBody: r("reset.done.body"),
    donePortal: r("reset.done.portal"),
    invalidTitle: r("reset.invalid.title"),
    invalidBody: r("reset.invalid.body"),
    errors: {
      password_missing: r("reset.error.password_missing"),
      password_too_short: r("reset.error.password_too_short"),
      password_too_long: r("reset.error.password_too_long"),
      password_is_username: r("reset.error.password_is_username"),
      password_mismatch: r("reset.error.password_mismatch"),
      generic: r("reset.error.generic"),
    },
  };
  return (
    <SsoCard lang={locale} tenantName={tenantName} title={r("reset.title")} subtitle={r("reset.subtitle", { username: link.username })} footer={t("footer.secured")}>
      <ResetPasswordForm token={token} username={link.username} m={m} />
    </SsoCard>
  );
}
