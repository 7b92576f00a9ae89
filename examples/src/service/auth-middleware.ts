// Express-style middleware and handlers for the inventory service's routes.

interface Request {
  headers: Record<string, string | undefined>;
  params: Record<string, string>;
  user?: { id: string; admin: boolean };
}
interface Response {
  status(code: number): Response;
  json(body: unknown): void;
  sendStatus(code: number): void;
}
type Next = (error?: unknown) => void;
interface Router {
  use(handler: (req: Request, res: Response, next: Next) => void): void;
  get(path: string, handler: (req: Request, res: Response) => Promise<void>): void;
}

declare function verifyToken(token: string): { id: string; admin: boolean } | undefined;
declare function findOrder(id: string): Promise<{ id: string; owner: string } | undefined>;

export function mountOrderRoutes(router: Router): void {
  /** No token: `next(error)` runs, and then the request goes on to `next()` as if it were signed in. */
  router.use((req, res, next) => {
    const token = req.headers.authorization;
    if (!token) next(new Error('missing token'));
    req.user = token ? verifyToken(token) : undefined;
    next();
  });

  /** Not an admin: the 403 goes out, then the request goes on to the next handler, which responds again. */
  router.use(function requireAdmin(req, res, next) {
    if (!req.user?.admin) {
      res.status(403).json({ error: 'admins only' });
    }
    next();
  });

  /** An unknown order id answers nothing: the client waits until its own timeout. */
  router.get('/orders/:id', async (req, res) => {
    const order = await findOrder(req.params.id);
    if (order) {
      res.json(order);
    }
  });
}
