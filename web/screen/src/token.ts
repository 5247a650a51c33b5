/**
 * The bearer token: taken from the link's `#token=…` (and removed from the address bar at once, so
 * it is neither bookmarked nor left in history), kept in sessionStorage for this tab only.
 */
const KEY = 'screen.token';

export function takeToken(): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const fromLink = params.get('token');
  if (fromLink) {
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `#${rest}` : ''}`);
    saveToken(fromLink);
    return fromLink;
  }
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
