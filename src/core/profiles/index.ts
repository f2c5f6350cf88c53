import { amazonLp } from './amazon-lp';
import { generalBehavioral } from './general-behavioral';
import { netflixPm } from './netflix-pm';
import type { Profile } from './profile';

export * from './profile';

/** The profiles Story Bank ships with, in the order pickers show them. Custom ones come from `.storybank.yaml`. */
export const BUILT_IN_PROFILES: ReadonlyMap<string, Profile> = new Map([netflixPm, amazonLp, generalBehavioral].map((profile) => [profile.id, profile]));

export const DEFAULT_PROFILE_ID = netflixPm.id;

export function getProfile(id: string): Profile | undefined {
  return BUILT_IN_PROFILES.get(id);
}
