import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { ssoLocale } from "@/app/_server/sso";
import { applicationName } from "@/lib/services/sign-in/hosted-login";
import { SsoCard } from "@/components/sso/sso-card";
import { readCookie } from "@/app/_server/cookies";
import { TX_COOKIE } from "@/app/_server/sso";
import { upstreamErrorMessage } from "@/lib/services/auth-sources/upstream-sign-in";

const REASONS = {
  user_disabled: ["denied.disabled.title", "denied.disabled.body"],
  locked_out: ["denied.locked.title", "denied.locked.body"],
  user_not_in_permitted_group: ["denied.group.title", "denied.group.body"],
  new_user_denied: ["denied.new_user.title", "denied.new_user.body"],
  policy_denied: ["denied.policy.title", "denied.policy.body"],
  no_allowed_factor: ["denied.no_factor.title", "denied.no_factor.body"],
  network_not_authorized: ["denied.network.title", "denied.network.body"],
  endpoint_not_trusted: ["denied.endpoint_untrusted.title", "denied.endpoint_untrusted.body"],
  endpoint_compromised: ["denied.endpoint_compromised.title", "denied.endpoint_compromised.body"],
  logout_refused: ["logout.refused.title", "logout.refused.body"],
  // Authentication sources (an upstream identity provider).
  upstream_denied: ["upstream.denied.title", "upstream.denied.body"],
  upstream_not_enrolled: ["upstream.not_enrolled.title", "upstream.not_enrolled.body"],
  upstream_failed: ["upstream.failed.title", "upstream.failed.body"],
} as const;

export default async function SsoErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const [{ locale, t }, { tenantName }] = await Promise.all([ssoLocale(), getTenantSettings()]);
  const reason =
    typeof sp.reason === "string" && Object.hasOwn(REASONS, sp.reason)
      ? REASONS[sp.reason as keyof typeof REASONS]
      : null;
  const ref = typeof sp.ref === "string" && /^[0-9A-F]{12}$/.test(sp.ref) ? sp.ref : "—";
  // The application's name comes from its key, never from the URL's text.
  const app = (typeof sp.app === "string" ? await applicationName(sp.app) : null) ?? t("error.thisApplication");
  const [title, body] = reason
    ? [t(reason[0]), t(reason[1], { app, ref })]
    : [t("request.title"), t("request.body", { ref })];
  // The upstream IdP's own words (e.g. Entra ID's AADSTS50105), only for this browser's sign-in.
  const upstreamMessage =
    sp.reason === "upstream_denied" && ref !== "—"
      ? await upstreamErrorMessage(await readCookie(TX_COOKIE), ref)
      : null;
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={title}
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
    >
      <p role="alert" className="text-sm text-slate-700" data-testid="sso-error">
        {body}
      </p>
      {upstreamMessage && (
        <div className="mt-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
          <p className="font-medium">{t("upstream.denied.message")}</p>
          <p className="mt-1 break-words" data-testid="upstream-message">
            {upstreamMessage}
          </p>
        </div>
      )}
      {reason && (
        // A denial is not a dead end: back to the first step (for the same application, when
        // a sign-in is in progress).
        <form action="/sso/restart" method="post" className="mt-5">
          <button
            type="submit"
            className="inline-flex w-full items-center justify-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
          >
            {t("denied.another")}
          </button>
        </form>
      )}
    </SsoCard>
  );
}
