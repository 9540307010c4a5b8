import { Badge } from "@/components/ui/badge";
import { USER_STATUS_LABELS, type UserStatusValue } from "@/lib/services/users/user-schema";

const tones = { ACTIVE: "green", BYPASS: "amber", DISABLED: "slate", LOCKED_OUT: "red" } as const;

export function UserStatusBadge({ status }: { status: string }) {
  const s = status as UserStatusValue;
  return (
    <span className="whitespace-nowrap">
      <Badge tone={tones[s] ?? "slate"}>{USER_STATUS_LABELS[s] ?? status}</Badge>
    </span>
  );
}

export function EnrollmentBadge({ enrolled }: { enrolled: boolean }) {
  return (
    <span className="whitespace-nowrap">
      {enrolled ? <Badge tone="sky">Enrolled</Badge> : <Badge tone="slate">Not enrolled</Badge>}
    </span>
  );
}

export const dateTimeFmt = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
