// The application page's "Policy" section: the effective policy section by section with where
// each section comes from, the application policy, the group policies in order, and (for
// roles with policies:manage) "Apply a policy" / "Apply a group policy".
import Link from "next/link";
import { can } from "@/lib/authz";
import type { AdminActor } from "@/lib/services/actor";
import { getApplicationPolicyPanel } from "@/lib/services/policies/assignments";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ApplyGroupPolicyForm, ApplyPolicyForm, AssignmentButton } from "./application-policy-forms";

export async function ApplicationPolicyPanel({ actor, applicationId }: { actor: AdminActor; applicationId: string }) {
  if (!can(actor.role, "policies:view")) return null;
  const panel = await getApplicationPolicyPanel(actor, applicationId);
  const canManage = can(actor.role, "policies:manage");
  const link = (id: string, name: string) => (
    <Link href={`/admin/policies/${id}`} className="font-medium text-emerald-800 underline-offset-2 hover:underline">
      {name}
    </Link>
  );

  return (
    <div id="policy" className="scroll-mt-6">
      <Card
        title="Policy"
        description="The policy users are held to when they sign in to this application. Group policies override the application policy, which overrides the Global Policy, section by section."
      >
        <div className="space-y-6">
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Effective policy</h3>
            <div className="overflow-x-auto rounded-md border border-slate-200">
              <table className="min-w-full text-sm" data-testid="effective-policy">
                <caption className="sr-only">Effective policy of {panel.applicationName}, by section</caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Section
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Setting
                    </th>
                    <th scope="col" className="px-3 py-2">
                      From
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {panel.effective.map((s) => (
                    <tr key={s.key} data-testid="effective-row" data-section={s.label}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                        {s.label}
                      </th>
                      <td className="px-3 py-2 text-slate-700">
                        {s.summary.map((l) => (
                          <span key={l} className="block break-words">
                            {l}
                          </span>
                        ))}
                      </td>
                      <td className="px-3 py-2">
                        {s.source.scope === "global" ? (
                          <Badge>Global Policy</Badge>
                        ) : (
                          <Badge tone="sky">{s.source.policyName} (application)</Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {panel.groupPolicies.length > 0 && (
              <p className="mt-2 text-xs text-slate-500">
                Members of the groups below are held to their group policy first, for the sections it sets.
              </p>
            )}
          </div>

          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Application policy</h3>
            {panel.applicationPolicy ? (
              <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="application-policy">
                <span>
                  {link(panel.applicationPolicy.policyId, panel.applicationPolicy.policyName)} applies to all users of
                  this application.
                </span>
                {canManage && (
                  <AssignmentButton
                    applicationId={applicationId}
                    assignmentId={panel.applicationPolicy.assignmentId}
                    kind="remove"
                    label={`Remove ${panel.applicationPolicy.policyName} from this application`}
                  />
                )}
              </div>
            ) : (
              <p className="text-sm text-slate-600" data-testid="application-policy">
                No application policy: the Global Policy applies.
              </p>
            )}
            {canManage && (
              <div className="mt-3">
                <ApplyPolicyForm
                  applicationId={applicationId}
                  policies={panel.policyOptions}
                  currentPolicyId={panel.applicationPolicy?.policyId ?? null}
                />
              </div>
            )}
          </div>

          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Group policies</h3>
            {panel.groupPolicies.length === 0 ? (
              <p className="text-sm text-slate-600">No group policies.</p>
            ) : (
              <ol className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
                {panel.groupPolicies.map((g, i) => (
                  <li
                    key={g.assignmentId}
                    className="flex flex-wrap items-start justify-between gap-3 px-3 py-2"
                    data-testid="group-policy-row"
                    data-group={g.groupName}
                  >
                    <div>
                      <p>
                        <span className="mr-2 text-xs text-slate-500">{i + 1}.</span>
                        {link(g.policyId, g.policyName)} for members of{" "}
                        <span className="font-medium">{g.groupName}</span>
                      </p>
                      <p className="mt-0.5 text-xs text-slate-500">
                        {g.sections.length
                          ? g.sections.map((s) => `${s.label}: ${s.summary.join(", ")}`).join(" · ")
                          : "Sets no section (inherits everything)."}
                      </p>
                    </div>
                    {canManage && (
                      <div className="flex items-center gap-1">
                        <AssignmentButton
                          applicationId={applicationId}
                          assignmentId={g.assignmentId}
                          kind="up"
                          label={`Move ${g.policyName} for ${g.groupName} up`}
                          disabled={i === 0}
                        />
                        <AssignmentButton
                          applicationId={applicationId}
                          assignmentId={g.assignmentId}
                          kind="down"
                          label={`Move ${g.policyName} for ${g.groupName} down`}
                          disabled={i === panel.groupPolicies.length - 1}
                        />
                        <AssignmentButton
                          applicationId={applicationId}
                          assignmentId={g.assignmentId}
                          kind="remove"
                          label={`Remove ${g.policyName} for ${g.groupName}`}
                        />
                      </div>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {canManage && (
              <div className="mt-3">
                <ApplyGroupPolicyForm
                  applicationId={applicationId}
                  policies={panel.policyOptions}
                  groups={panel.groupOptions}
                />
              </div>
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}
