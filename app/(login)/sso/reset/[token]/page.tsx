import type { Metadata } from "next";
import { ssoLocale } from "@/app/_server/sso";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { checkResetLink } from "@/lib/services/users/password-reset";
import { SsoCard } from "@/components/sso/sso-card";
import { ResetPasswordForm } from "@/components/sso/reset-password-form";

// The token is in the path: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer", robots: { index: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [{ locale, t }, { tenantName }, link] = await Promise.all([
    ssoLocale(),
    getTenantSettings(),
    checkResetLink(token),
  ]);
  if (!link.ok) {
    return (
      <SsoCard
        lang={locale}
        tenantName={tenantName}
        title={t("reset.invalid.title")}
        footer={t("footer.secured")}
        languageLabel={t("lang.label")}
        backPath={`/sso/reset/${encodeURIComponent(token)}`}
      >
        <p role="alert" className="text-sm text-slate-700">
          {t("reset.invalid.body")}
        </p>
      </SsoCard>
    );
  }
  const m = {
    password: t("reset.password"),
    confirm: t("reset.confirm"),
    hint: t("reset.hint"),
    submit: t("reset.submit"),
    pending: t("reset.pending"),
    doneTitle: t("reset.done.title"),
    doneBody: t("reset.done.body"),
    donePortal: t("reset.done.portal"),
    invalidTitle: t("reset.invalid.title"),
    invalidBody: t("reset.invalid.body"),
    errors: {
      password_missing: t("reset.error.password_missing"),
      password_too_short: t("reset.error.password_too_short"),
      password_too_long: t("reset.error.password_too_long"),
      password_is_username: t("reset.error.password_is_username"),
      password_mismatch: t("reset.error.password_mismatch"),
      generic: t("reset.error.generic"),
    },
  };
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={t("reset.title")}
      subtitle={t("reset.subtitle", { username: link.username })}
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
      backPath={`/sso/reset/${encodeURIComponent(token)}`}
    >
      <ResetPasswordForm token={token} username={link.username} m={m} />
    </SsoCard>
  );
}
