import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import type { Schemas } from '../api/client';
import { call } from '../api/errors';
import { isSignedIn, subscribe } from './session';

export type Me = Schemas['ActorResponse'];

export function useSignedIn(): boolean {
  return useSyncExternalStore(subscribe, isSignedIn);
}

/** Who is signed in (role, agency, region, permissions), from GET /auth/me. */
export function useMe() {
  const signedIn = useSignedIn();
  return useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/auth/me')), enabled: signedIn, staleTime: 5 * 60_000 });
}

/** Whether the signed-in person's role holds a permission (the API decides; this only hides what would be refused). */
export function can(me: Me | undefined, permission: string): boolean {
  return me?.permissions.includes(permission) ?? false;
}
