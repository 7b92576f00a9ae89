export interface Order {
  id: string;
  total: number;
}

async function saveOrder(order: Order): Promise<void> {
  await fetch('https://orders.example/api/orders', { method: 'POST', body: JSON.stringify(order) });
}

async function notifyWarehouse(orderId: string): Promise<void> {
  await fetch(`https://warehouse.example/api/notify/${orderId}`, { method: 'POST' });
}

/** Fire-and-forget: a failed save is an unhandled rejection and nobody waits for it. */
export function submit(order: Order): void {
  saveOrder(order);
}

/** forEach ignores the promises its async callback returns: errors vanish, the caller moves on. */
export async function submitAll(orders: Order[]): Promise<void> {
  orders.forEach(async (order) => {
    await saveOrder(order);
    await notifyWarehouse(order.id);
  });
}

/** The timer stays armed after the fetch wins, and the fetch keeps running after the timeout wins. */
export async function fetchWithTimeout(url: string, ms: number): Promise<Response> {
  return Promise.race([
    fetch(url),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);
}
