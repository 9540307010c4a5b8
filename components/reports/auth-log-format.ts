// Formatting shared by the Authentication Log table (client) and the event drawer (server).
export const authLogDateFmt = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});
export const RESULT_TONE = { SUCCESS: "green", DENIED: "amber", FAILURE: "red" } as const;
