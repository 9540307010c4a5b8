"use client";
import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableFeatures } from "@/components/data-table/data-table";
import type { AdminLogEntry } from "@/lib/services/admin-log";

const ACTION_LABELS: Record<string, string> = {
  "admin.create": "Administrator added",
  "admin.role_change": "Administrator role changed",
  "admin.remove": "Administrator removed",
  "admin.login": "Signed in",
  "admin.totp_enrolled": "Signed in and enrolled authenticator",
  "admin.login_failed": "Failed sign-in",
  "settings.update": "Settings changed",
  "application.create": "Application protected",
  "application.update": "Application changed",
  "application.remove": "Application removed",
  "application.secret_key_create": "API secret key generated",
  "application.secret_key_reset": "API secret key reset",
  "admin_api.request": "Admin API call",
  "signing_key.create_next": "Next signing certificate created",
  "signing_key.promote": "Signing certificate promoted",
  "signing_key.retire": "Signing certificate retired",
  "user.create": "User added",
  "user.update": "User changed",
  "user.delete": "User deleted (to trash)",
  "user.restore": "User restored from trash",
  "user.unlock": "User unlocked",
  "user.group_add": "User added to group",
  "user.group_remove": "User removed from group",
  "user.authenticator_remove": "Authenticator removed",
  "user.bypass_codes_generate": "Bypass codes generated",
  "user.bypass_code_delete": "Bypass code deleted",
  "user.reset_link": "Password reset link created",
  "user.password_reset": "Password reset by the user",
  "user.import": "Users imported",
  "user.export": "Users exported",
  "group.create": "Group added",
  "group.update": "Group changed",
  "group.delete": "Group deleted",
  "group.members_add": "Group members added",
  "group.members_remove": "Group members removed",
  "policy.create": "Policy created",
  "policy.update": "Policy changed",
  "policy.delete": "Policy deleted",
  "policy.apply": "Policy applied to an application",
  "policy.unapply": "Policy removed from an application",
  "policy.apply_group": "Group policy applied",
  "policy.unapply_group": "Group policy removed",
  "policy.reorder_groups": "Group policies reordered",
  "endpoints.integration_create": "Trusted Endpoints integration added",
  "endpoints.integration_update": "Trusted Endpoints integration changed",
  "endpoints.integration_remove": "Trusted Endpoints integration removed",
  "endpoints.integration_enable": "Trusted Endpoints integration enabled",
  "endpoints.integration_disable": "Trusted Endpoints integration disabled",
  "endpoints.inventory_replace": "Device inventory replaced",
  "endpoints.api_token_rotate": "Device API token replaced",
  "endpoints.certificate_issue": "Device certificate issued",
  "endpoints.certificate_revoke": "Device certificate revoked",
  "endpoints.device_check_update": "Device identity settings changed",
  "authlog.export": "Authentication Log exported",
};

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function Snapshot({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">—</span>;
  if (typeof value !== "object") return <span>{String(value)}</span>;
  return (
    <dl className="grid min-w-[14rem] grid-cols-[auto_1fr] gap-x-2 text-xs">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="font-mono break-words text-slate-800">
            {v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const h = createColumnHelper<DataTableFeatures, AdminLogEntry>();
const columns = h.columns([
  h.accessor("createdAt", {
    header: "Time (UTC)",
    cell: (c) => (
      <time className="whitespace-nowrap" dateTime={c.getValue().toISOString()}>
        {dateFmt.format(c.getValue())}
      </time>
    ),
  }),
  h.accessor("actorLabel", { header: "Administrator" }),
  h.accessor("action", { header: "Action", cell: (c) => ACTION_LABELS[c.getValue()] ?? c.getValue() }),
  h.accessor("targetLabel", { header: "Target", cell: (c) => c.getValue() ?? "—" }),
  h.accessor("before", { header: "Before", cell: (c) => <Snapshot value={c.getValue()} /> }),
  h.accessor("after", { header: "After", cell: (c) => <Snapshot value={c.getValue()} /> }),
  h.accessor("ip", { header: "IP address", cell: (c) => c.getValue() ?? "—" }),
]);

export function AdministratorLogTable({
  rows,
  nextCursor,
  isFirstPage,
}: {
  rows: AdminLogEntry[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  return (
    <DataTable
      caption="Administrator Log"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      nextCursor={nextCursor}
      isFirstPage={isFirstPage}
      rowTestId="adminlog-row"
    />
  );
}
