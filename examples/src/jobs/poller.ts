export class QueuePoller {
  private readonly seen = new Set<string>();

  constructor(private readonly url: string) {
    // The handle is dropped: this interval keeps the process alive forever and can never be stopped.
    setInterval(() => {
      void this.poll();
    }, 5000);
  }

  private async poll(): Promise<void> {
    const response = await fetch(this.url);
    const ids = (await response.text()).split('\n');
    for (const id of ids) this.seen.add(id);
  }
}

/** Starts every download at once: 10,000 ids means 10,000 sockets. */
export async function downloadAll(ids: string[]): Promise<string[]> {
  return Promise.all(
    ids.map(async (id) => {
      const response = await fetch(`https://files.example/${id}`);
      return response.text();
    }),
  );
}
