// The application a login transaction is for, as the sign-in steps need it.
import { findApplicationById } from "../../db/applications";

export type LoginApplication = {
  id: string;
  key: string;
  name: string;
  userAccess: string;
  permittedGroupIds: string[];
};

export async function findLoginApplication(id: string | null): Promise<LoginApplication | null> {
  if (!id) return null;
  const app = await findApplicationById(id);
  return app
    ? { id: app.id, key: app.key, name: app.name, userAccess: app.userAccess, permittedGroupIds: app.permittedGroupIds }
    : null;
}
