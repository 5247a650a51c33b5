/**
 * Who the token says the viewer is, read without verifying it: only to decide what the screen
 * offers (publishing to assessors, a station's own appeals). The platform checks every request.
 */
export function claimedRoles(token: string): string[] {
  try {
    const payload = token.split('.')[1] ?? '';
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    const { roles } = JSON.parse(new TextDecoder().decode(bytes)) as { roles?: unknown };
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}
