// Preloaded with `node --import` into the ESLint CLI process of the concurrency row. In the main
// thread it counts the worker threads ESLint starts (`process.on('worker')`) and, when the process
// exits, writes the process's peak RSS and CPU time (both cover every thread: worker threads share
// the process) to the file named by TRIPWIRE_BENCH_PROBE_OUT. Worker threads inherit the preload and
// do nothing.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const outPath = process.env.TRIPWIRE_BENCH_PROBE_OUT;
if (isMainThread && outPath) {
  let workers = 0;
  process.on('worker', () => workers++);
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(
      outPath,
      JSON.stringify({
        workers,
        // maxRSS is in kilobytes on Linux and macOS.
        peakRssMb: usage.maxRSS / 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        exitCode: code,
      }),
    );
  });
}
