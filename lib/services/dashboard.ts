// Dashboard figures.
import { countTenant } from "../db/stats";
import { assertCan, type Actor } from "./actor";

export async function getDashboard(actor: Actor) {
  assertCan(actor, "dashboard:view");
  return countTenant();
}
