// Types of test/e2e/lib/run-paths.mjs (the harness is plain JavaScript run by node; its tests are TypeScript).
export interface Profile {
  dir: string;
  home: string;
  tmp: string;
  userData: string;
  extensions: string;
}
export interface RunPlan {
  runDir: string;
  shortDir: string;
  browser: Profile;
  trusted: Profile;
  untrusted: Profile;
  sockets: string[];
}
export declare const MAX_SOCKET_PATH_BYTES: number;
export declare function planRunPaths(options: { root: string; shortDir: string; id: string; e2eDir?: string }): RunPlan;
export declare function socketPathProblem(plan: { sockets: string[] }): string | undefined;
export declare function createRunPaths(options: {
  root: string;
  id: string;
  e2eDir?: string;
  tmpBase?: string;
}): RunPlan & {
  removeShortDir(): void;
};
