/** Who is acting: a logged-in user with an active profile, or an API client. Audit rows name it. */
import type { Role } from '@esenzioni/domain';

export interface Actor {
  userId: number | null;
  apiKeyId: number | null;
  fiscalCode: string | null;
  role: Role;
  aslId: string | null;
  districtId: string | null;
}

export interface SessionUser {
  id: number;
  username: string;
  fiscalCode: string;
  firstName: string;
  lastName: string;
}

export interface ProfileRow {
  id: number;
  role: Role;
  aslId: string | null;
  aslName: string | null;
  districtId: string | null;
  districtName: string | null;
}

export interface RequestAuth {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
  /** all the user's profiles: only the login, profile choice and "me" need them */
  loadProfiles: () => Promise<ProfileRow[]>;
  activeProfile: ProfileRow | null;
}

export const actorOfProfile = (user: SessionUser, p: ProfileRow): Actor => ({
  userId: user.id,
  apiKeyId: null,
  fiscalCode: user.fiscalCode,
  role: p.role,
  aslId: p.aslId,
  districtId: p.districtId,
});
