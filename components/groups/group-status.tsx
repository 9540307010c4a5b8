import { Badge } from "@/components/ui/badge";
import { GROUP_STATUS_LABELS } from "@/lib/services/groups/group-status";

const TONES = { ACTIVE: "green", BYPASS: "amber", DISABLED: "red" } as const;
const LABELS: Record<string, string> = GROUP_STATUS_LABELS;

export function GroupStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status as keyof typeof TONES] ?? "slate"}>{LABELS[status] ?? status}</Badge>;
}
