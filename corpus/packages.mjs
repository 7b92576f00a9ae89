// The real-code corpus: released npm packages nobody on this project wrote, pinned by exact version
// and by the registry's `dist.integrity` of the tarball. They are fetched with `npm pack` into
// `.cache/corpus/` by bench's corpus helper (verified, extracted, reused); nothing is vendored.
//
// `source` is the folder of the tarball that is copied (bench's helper), `include` the paths under
// it that are linted (a folder ends with `/`), and `sourceType` how `.js` files parse (`.cjs` is
// always CommonJS, `.mjs` always a module). Only hand-written sources are taken: no bundles, no
// compiled output, no tests, no `.d.ts`.

const pin = (name, version, integrity, options) => ({ name, version, integrity, source: '.', ...options });

/** JavaScript: hand-written CommonJS and ES modules (HTTP, database drivers, queues, CLIs, frontend). */
export const JS_CORPUS = {
  id: 'real-js',
  language: 'js',
  description: 'hand-written JavaScript (CommonJS and ES modules) of released packages',
  extensions: ['.js', '.cjs', '.mjs'],
  installDependencies: false,
  packages: [
    pin(
      'undici',
      '7.30.2',
      'sha512-mLyPQnHwUxaM/rideoK/+KL8DaAJLRl4aBCfmX444aCSLnIaomqPLtNRe2jdCYcsk5wZzXrDIQC8ZeYNRAYyIA==',
      { include: ['index.js', 'index-fetch.js', 'lib/'], sourceType: 'commonjs', kind: 'HTTP client' },
    ),
    pin(
      'mysql2',
      '3.24.6',
      'sha512-enu73KhbAua2L3dIxjc6qg6ZJ7H3pt1BImZASWNWY5xSsmJ1ZuUPULTDGXgmJbI61vb+nJAG19IZclIq19UidQ==',
      { include: ['index.js', 'promise.js', 'lib/'], sourceType: 'commonjs', kind: 'database driver' },
    ),
    pin(
      'pg',
      '8.23.1',
      'sha512-aL96AHANtWjPLDOLqnhx+ngp9+UK7ETEU8VJrDCGvsSSi/mGLcWYsS6Herg7lmaBJe4uwrfqsa7gTEFaSizDoQ==',
      { include: ['lib/'], sourceType: 'commonjs', kind: 'database driver' },
    ),
    pin(
      'mariadb',
      '3.5.4',
      'sha512-3m0vdfgRkjle5/9hHl4R7rlVvnDA7QfuFSNkdIAQNROWKOS0J3b9IQK9HaZSCGEVKiDUbFXFiINfC+cmR5P/aA==',
      { include: ['promise.js', 'callback.js', 'lib/'], sourceType: 'module', kind: 'database driver' },
    ),
    pin(
      'cassandra-driver',
      '4.10.0',
      'sha512-DHyFC6RMK28nvndZfecbGUozoYbb5NjFmlniczao8zA1IplurcshR2i6rvxpEu3Q9G45tjin4yU+iKwA10ZUtA==',
      { include: ['index.js', 'lib/'], sourceType: 'commonjs', kind: 'database driver' },
    ),
    pin(
      'mssql',
      '12.7.16',
      'sha512-cnPgo8DLDt6bs17HWXK19tBmcxFtIrGwnsRyqWNzZ+JepzzSWxkErVDCXHpdhqqR/YfOGLhDeCxSTzq74e/5YA==',
      {
        include: ['index.js', 'tedious.js', 'msnodesqlv8.js', 'lib/'],
        sourceType: 'commonjs',
        kind: 'database driver',
      },
    ),
    pin(
      'knex',
      '3.3.0',
      'sha512-LgWl031hNuLv9Lhxdd9093zULa2aNcoP04Bk29e5NidgRcEr/T0rAr2WYi4BhjTiCDoQiRU56meUE5rppLKZzQ==',
      { include: ['knex.js', 'bin/', 'lib/'], sourceType: 'commonjs', kind: 'query builder, CLI' },
    ),
    pin(
      'kafkajs',
      '2.2.4',
      'sha512-j/YeapB1vfPT2iOIUn/vxdyKEuhuY2PxMBvf5JWux6iSaukAccrMtXEY/Lb7OvavDhOWME589bpLrEdnVHjfjA==',
      { include: ['index.js', 'src/'], sourceType: 'commonjs', kind: 'queue client' },
    ),
    pin(
      'amqplib',
      '2.3.1',
      'sha512-0njHPLSE/xJUBeLWGgzniMuzTeyUt3o7WmAJobBlbSnvOTe9l5PxrlA+5iZW8spKteijDnkIZI81zAFV2Wzulw==',
      { include: ['channel_api.js', 'callback_api.js', 'lib/'], sourceType: 'commonjs', kind: 'queue client' },
    ),
    pin(
      'bull',
      '4.16.5',
      'sha512-lDsx2BzkKe7gkCYiT5Acj02DpTwDznl/VNN7Psn7M3USPG7Vs/BaClZJJTAG+ufAR9++N1/NiUTdaFBWDIl5TQ==',
      { include: ['index.js', 'lib/'], sourceType: 'commonjs', kind: 'job queue' },
    ),
    pin(
      'bee-queue',
      '2.0.0',
      'sha512-yDVdrh5r/F9rR0KxAHoGqwlQQfekuPfLUP/Fzx2kpb9GpAIA/DnDS71IKI6s3EkdCDo3nM8X5s1Ph045zF/x9w==',
      { include: ['index.js', 'lib/'], sourceType: 'commonjs', kind: 'job queue' },
    ),
    pin(
      'discord.js',
      '14.28.1',
      'sha512-Je5OcqgurnIUQK4vR+gQnmzOf/lNQsD6d/UkV8ZOj+bFa5zJXPyiGXlbywp2EagwshVT18y7YNQNSRd3FjYkDw==',
      { include: ['src/'], sourceType: 'commonjs', kind: 'HTTP + WebSocket API client' },
    ),
    pin(
      'ws',
      '8.23.1',
      'sha512-1rzWDSN0NOi3tpwgHsQExjWRoKUGtjCkJ2gZRaaRtzhYLboMytOI9pj9PU7yCgY37auqdd4OyLofZDbkeuZmPA==',
      { include: ['index.js', 'lib/'], sourceType: 'commonjs', kind: 'WebSocket' },
    ),
    pin(
      'fastify',
      '5.12.8',
      'sha512-moP8exb2sCHLUbJkwp+I6C0padhy4D8lp0SdmzY7HhSdZuqm7O/u3o2aq7u8okaQ//33QDzj3G/u+FsSdB8Qzw==',
      { include: ['fastify.js', 'lib/'], sourceType: 'commonjs', kind: 'HTTP server' },
    ),
    pin(
      'express',
      '5.3.0',
      'sha512-qCqy1xSoaugxOD4IVHb1ZWdkvCF2W3aE2okKouWj8VwJ+ztskSiXoBnCSJqfKT+cVPJhuJqe9YLbY425+Zh00g==',
      { include: ['index.js', 'lib/'], sourceType: 'commonjs', kind: 'HTTP server' },
    ),
    pin(
      'commander',
      '14.0.3',
      'sha512-H+y0Jo/T1RZ9qPP4Eh1pkcQcLRglraJaSLoyOtHxu6AapkjWVCy2Sit1QQ4x3Dng8qDlSsZEet7g5Pq06MvTgw==',
      { include: ['index.js', 'esm.mjs', 'lib/'], sourceType: 'commonjs', kind: 'CLI' },
    ),
    pin(
      '@sveltejs/kit',
      '2.70.4',
      'sha512-IDfRnmSXgtlmv5Q+KyvP1HGr2XUvZooo0yBwzTnJA7CBbczy+sSMHXubfbcI9gz4EKksRSyYx44y/eCcf/B+rg==',
      { include: ['svelte-kit.js', 'src/'], sourceType: 'module', kind: 'frontend framework, dev server' },
    ),
    pin(
      'preact',
      '11.2.0',
      'sha512-/HfHI/7N84e6GrWBJ3J280z3mLaRJiDcSvj/A+y/4AbLnND/1UlGHe1sR6oYuTGwId0nP7dqDU9OnLxMPZ7xBg==',
      {
        include: ['src/', 'hooks/src/', 'compat/src/', 'debug/src/', 'devtools/src/'],
        sourceType: 'module',
        kind: 'frontend',
      },
    ),
    pin(
      'yjs',
      '13.6.33',
      'sha512-q/UYvr1gOk4XII+Cu1CW2dINjYqJJFifTzogEaIARznrvX7uOlHsdTEXcnOBMuIsrCGEEKdNxi74kyMLZlKVfw==',
      { include: ['src/'], sourceType: 'module', kind: 'browser collaboration' },
    ),
    pin(
      'axios',
      '1.21.1',
      'sha512-6eI5Q/Y4u/Um9dDlsRoq5pY2rxnUTv+L4PpLitnbk/i4jb3MxLZ5CsN5Ih3IysbeRYK4pR+P7qfMsOQl9fwwFQ==',
      { include: ['index.js', 'lib/'], sourceType: 'module', kind: 'HTTP client (browser and Node)' },
    ),
    pin(
      'postgres',
      '4.1.0',
      'sha512-s+0WH67YAyLdBQUb6XczbziBhY+C9uiQsg9S8R5RHdZhk6sdyK6202E+T2tXpiInSEEjDLRSJ3OpYBe3PN6MsQ==',
      { include: ['src/'], sourceType: 'module', kind: 'database driver' },
    ),
    pin(
      'execa',
      '9.6.1',
      'sha512-9Be3ZoN4LmYR90tUoVu2te2BsbzHfhJyfEiAVfz7N5/zv+jduIfLrV2xdQXOHbaD6KgpGdO9PRPM1Y4Q9QkPkA==',
      { include: ['index.js', 'lib/'], sourceType: 'module', kind: 'child processes, CLI' },
    ),
    pin(
      'webtorrent',
      '2.8.5',
      'sha512-oIjpuBrypApJ+RCZ8RRaHEncVSkt2cd25/I4Trb2sk9nlaEF92Dg1u8BCwqA4eJR7wIZQM95GyO7Wo4QTbrUUA==',
      { include: ['index.js', 'lib/'], sourceType: 'module', kind: 'peer-to-peer I/O (browser and Node)' },
    ),
  ],
  tsconfig: {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023', 'DOM'],
      types: ['node'],
      allowJs: true,
      checkJs: false,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['src/**/*.js', 'src/**/*.cjs', 'src/**/*.mjs'],
  },
};

/** TypeScript: packages that ship their `src/` (HTTP/streaming clients, a browser driver, frontend data layers). */
export const TS_CORPUS = {
  id: 'real-ts',
  language: 'ts',
  description: 'TypeScript sources shipped in released packages',
  extensions: ['.ts', '.tsx', '.mts', '.cts'],
  // The packages themselves are installed (scripts off) so that their imports resolve in the typed run.
  installDependencies: true,
  packages: [
    pin(
      'openai',
      '6.49.0',
      'sha512-aYCc0C6L864eR6WSYIwQGyXriw/nIyZx0ObvhzOEVuk0zoBDpynjSbrionWI7q65B5H8jJX0DXR9snEzM6bfPg==',
      { source: 'src', include: [''], kind: 'HTTP API client, streaming, WebSocket' },
    ),
    pin(
      'puppeteer-core',
      '24.43.1',
      'sha512-T5ScUMAsmhdNbgDR41AGESYeS6V9MSgetkSnVhhW+gXvzC42VesKCn5ld87gAZDJ6vLHL9GkRvY9WtQWSnwFbw==',
      { source: 'src', include: [''], kind: 'browser automation' },
    ),
    pin(
      '@supabase/auth-js',
      '2.109.0',
      'sha512-krf61vksi92kEUYtNH70GnIMOoQqLBAKG2e3Aha4e/0uJA6i1OWCxL7WUGHo6c0Vu/w96Y1DdnkYz0NOg0kYog==',
      { source: 'src', include: [''], kind: 'browser auth client, locks, timers' },
    ),
    pin(
      '@supabase/realtime-js',
      '2.109.0',
      'sha512-q9tjGUgWLNhfLz6HeYE7yl6FG9WEsnr6bFmmLpn2Nakxp3Z36pqI4xu0xns5/n8Xtq10HVcy9CRxOxgvviCM4Q==',
      { source: 'src', include: [''], kind: 'WebSocket client (browser)' },
    ),
    pin(
      '@tanstack/query-core',
      '5.108.4',
      'sha512-2Ks5dlLWz4eXJrthOyG0qW3SLt3xx0RrQmAmN0rnmogiaaOYuWiAe6HAm9KE2b2v8nig+vraNz8fsfZ6fF6zFg==',
      { source: 'src', include: [''], kind: 'frontend data fetching' },
    ),
    pin(
      '@tanstack/react-query',
      '5.108.4',
      'sha512-GlTa94kfEKTVsbzXe58rFA3GZ0ZE7N1aFtbZAfOS3XxMv8YNn4C+8rsz40LorHLazdm5PsqCroWaYAR+ZkMXMQ==',
      { source: 'src', include: [''], kind: 'frontend (React, TSX)' },
    ),
    pin(
      '@hocuspocus/server',
      '3.4.4',
      'sha512-UV+oaONAejOzeYgUygNcgsc8RdZvSokVvAxluZJIisLACpRO/VsseQ5lWKDRwLd7Fn6+rHWDH3hGuQ1fdX1Ycg==',
      { source: 'src', include: [''], kind: 'WebSocket collaboration server' },
    ),
  ],
  tsconfig: {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: ['node'],
      jsx: 'react-jsx',
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      allowJs: false,
    },
    include: ['src/**/*.ts', 'src/**/*.tsx', 'src/**/*.mts', 'src/**/*.cts'],
  },
};

export const CORPORA = [JS_CORPUS, TS_CORPUS];
