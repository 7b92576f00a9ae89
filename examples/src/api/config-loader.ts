import { readFileSync } from 'node:fs';

export interface ServiceConfig {
  name: string;
  port: number;
  startedAt: Date;
}

/** A truncated or hand-edited file throws a SyntaxError straight through the caller. */
export function loadConfig(path: string): ServiceConfig {
  const text = readFileSync(path, 'utf8');
  return JSON.parse(text) as ServiceConfig;
}

/** The cast claims a shape nobody checked; `startedAt` comes back as a string, not a Date. */
export async function fetchRemoteConfig(url: string): Promise<ServiceConfig> {
  const response = await fetch(url);
  return (await response.json()) as ServiceConfig;
}
