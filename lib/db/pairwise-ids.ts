// Repository: persistent NameIDs, one stable opaque pairwise identifier per (user, application).
import { dbReady } from "./client";

/** The stored identifier of `userId` at `applicationId`, created with `fresh()` the first time. */
export async function findOrCreatePairwiseId(
  userId: string,
  applicationId: string,
  fresh: () => string,
): Promise<string> {
  const db = await dbReady();
  const where = { userId_applicationId: { userId, applicationId } };
  const found = await db.pairwiseNameId.findUnique({ where, select: { value: true } });
  if (found) return found.value;
  try {
    const created = await db.pairwiseNameId.create({ data: { userId, applicationId, value: fresh() } });
    return created.value;
  } catch (e) {
    // Two sign-ins raced: the other one stored the identifier first.
    if ((e as { code?: string }).code !== "P2002") throw e;
    return (await db.pairwiseNameId.findUniqueOrThrow({ where, select: { value: true } })).value;
  }
}
