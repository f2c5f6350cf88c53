import { netflixPm } from './netflix-pm';
import type { Profile } from './profile';

export * from './profile';

export const BUILT_IN_PROFILES: ReadonlyMap<string, Profile> = new Map([[netflixPm.id, netflixPm]]);

export const DEFAULT_PROFILE_ID = netflixPm.id;

export function getProfile(id: string): Profile | undefined {
  return BUILT_IN_PROFILES.get(id);
}
