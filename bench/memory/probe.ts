/** One request the memory run sends, alone, and reads every service's peak around. */
export interface Probe {
  name: string;
  role: string;
  query: string;
  variables: Record<string, unknown>;
  /** The subgraph it is sent to straight, as an attacker with a token would; else the gateway. */
  subgraph?: string;
}
