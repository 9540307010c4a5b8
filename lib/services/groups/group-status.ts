// A group's status and Duo's explanation of it; pure, shared by the service and the console forms.
export const GROUP_STATUSES = ["ACTIVE", "BYPASS", "DISABLED"] as const;
export type GroupStatusValue = (typeof GROUP_STATUSES)[number];

export const GROUP_STATUS_LABELS: Record<GroupStatusValue, string> = {
  ACTIVE: "Active",
  BYPASS: "Bypass",
  DISABLED: "Disabled",
};

export const GROUP_STATUS_HELP: Record<GroupStatusValue, string> = {
  ACTIVE: "Require two-factor authentication (default). Members are treated according to their own status.",
  BYPASS:
    "Skip two-factor authentication. Members sign in with their password only, unless a member is disabled or locked out.",
  DISABLED: "Automatically deny access. Members cannot sign in to any application, whatever their own status.",
};
