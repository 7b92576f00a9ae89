/** A command line a generator cannot run with (a bad flag value, a wrong argument count): the CLI exits with 2. */
export class ScaffoldUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldUsageError';
  }
}
