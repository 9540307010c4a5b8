"use client";
import { addMembersAction } from "@/app/(console)/admin/groups/actions";
import { SearchBox } from "@/components/data-table/search-box";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { ChoiceGroup } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export type Candidate = {
  id: string;
  username: string;
  realName: string | null;
  email: string | null;
  isMember: boolean;
};

/** Find users by username or email (?find= in the URL), tick them, "Add to group". */
export function AddMembers({ groupId, find, candidates }: { groupId: string; find?: string; candidates: Candidate[] }) {
  const form = useFormAction(addMembersAction);
  const addable = candidates.filter((c) => !c.isMember);
  return (
    <div className="space-y-3">
      <SearchBox
        label="Find users by username or email"
        param="find"
        defaultValue={find}
        placeholder="Username or email starts with…"
      />
      {find && candidates.length === 0 && (
        <p className="text-sm text-slate-600">No user’s username or email starts with “{find}”.</p>
      )}
      {candidates.length > 0 && (
        <ActionForm form={form} className="space-y-3">
          <input type="hidden" name="id" value={groupId} />
          <ChoiceGroup legend="Users to add" name="userIds" legendClassName="sr-only">
            <ul
              className="divide-y divide-slate-100 rounded-md border border-slate-200"
              data-testid="add-member-candidates"
            >
              {candidates.map((c) => (
                <li key={c.id}>
                  <label className="flex items-center gap-3 px-3 py-2 text-sm">
                    <input
                      type="checkbox"
                      name="userIds"
                      value={c.id}
                      disabled={c.isMember}
                      defaultChecked={!c.isMember && candidates.length === 1}
                      className="h-4 w-4 accent-emerald-700"
                      aria-label={c.username}
                    />
                    <span className="font-medium text-slate-900">{c.username}</span>
                    <span className="text-slate-600">{[c.realName, c.email].filter(Boolean).join(" · ")}</span>
                    {c.isMember && <span className="ml-auto text-xs text-slate-600">Already a member</span>}
                  </label>
                </li>
              ))}
            </ul>
          </ChoiceGroup>
          {addable.length > 0 && <SubmitButton pendingLabel="Adding…">Add to Group</SubmitButton>}
        </ActionForm>
      )}
    </div>
  );
}
