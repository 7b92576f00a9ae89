export interface Job {
  id: string;
  run(): Promise<void>;
}

const log = (message: string): void => {
  console.log(`[scheduler] ${message}`);
};

/** Staggers job starts by 100 ms each. Every timer reads the same `var i`: they all see jobs.length. */
export function staggerJobs(jobs: Job[]): void {
  for (var i = 0; i < jobs.length; i++) {
    setTimeout(() => {
      log(`starting ${jobs[i].id}`);
    }, i * 100);
  }
}

/** Polls until done; the outer `attempt` is reassigned every pass and read later by the handlers. */
export async function retryUntilDone(job: Job, maxAttempts: number): Promise<void> {
  let attempt = 0;
  while (attempt < maxAttempts) {
    attempt += 1;
    job.run().then(() => log(`job ${job.id} finished on attempt ${attempt}`), () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
