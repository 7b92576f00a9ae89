import { EventEmitter } from 'node:events';
import https from 'node:https';
import axios from 'axios';

/** Stock changes, published to every open stream. It lives as long as the process. */
export const stockEvents = new EventEmitter();

const warehouse = axios.create({ baseURL: 'https://warehouse.example/api' });

interface Request {
  params: Record<string, string>;
  on(event: 'close', listener: () => void): void;
}
interface Response {
  write(chunk: string): void;
  json(body: unknown): void;
}

/** A stuck warehouse API hangs this handler forever: the instance was created without a timeout. */
export async function getStock(req: Request, res: Response): Promise<void> {
  const { data } = await warehouse.get(`/stock/${req.params.sku}`);
  res.json(data);
}

/** Server-sent events: every request adds a listener to the process-wide emitter and nothing removes it. */
export function streamStock(req: Request, res: Response): void {
  stockEvents.on('change', (change) => res.write(`data: ${JSON.stringify(change)}\n\n`));
}

/** The caller's signal is right there, but the lookup ignores it and has no timeout of its own. */
export async function priceOf(sku: string, signal: AbortSignal): Promise<number> {
  const response = await fetch(`https://prices.example/${sku}`);
  return Number(await response.text());
}

/** Every call adds one more 'abort' listener to the caller's signal, and the request can hang forever. */
export function reserve(sku: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason));
    const req = https.request({ host: 'warehouse.example', path: `/reserve/${sku}`, method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}
