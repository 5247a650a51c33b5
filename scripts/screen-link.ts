/**
 * The 晾晒 screen's link on the gateway at `gatewayUrl`, signed in with `token`, opening `view`
 * (scope, period, mode, …). The token rides in the fragment: browsers never send it to the
 * server, and the screen moves it into the tab's sessionStorage and off the address bar at once.
 */
export function screenLink(
  gatewayUrl: string,
  token: string,
  view: Readonly<Record<string, string>>,
): string {
  const url = new URL('/screen/', gatewayUrl);
  url.hash = new URLSearchParams({ token, ...view }).toString();
  return url.toString();
}
