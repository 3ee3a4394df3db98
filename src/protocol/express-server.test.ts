import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressServer } from './express-server.js';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function get(app: express.Express, make: (app: express.Express) => http.Server, path: string) {
  const arrived: object[] = [];
  server = make(app);
  // Runs before Express: what the server built, before Express could change it.
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) =>
    arrived.push(Object.getPrototypeOf(req) as object, Object.getPrototypeOf(res) as object),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text(), arrived };
}

function appWithRoute(): express.Express {
  const app = express();
  app.get('/hello/:name', (req, res) => {
    res.status(201).json({ name: req.params.name, host: req.hostname, app: req.app === app, same: res.req === req });
  });
  return app;
}

describe('createExpressServer', () => {
  it('builds requests and responses that already have the prototypes Express would give them', async () => {
    const app = appWithRoute();
    const { arrived } = await get(app, createExpressServer, '/hello/x');
    expect(arrived).toEqual([app.request, app.response]);
    expect(app.request).toBeInstanceOf(http.IncomingMessage);
    expect(app.response).toBeInstanceOf(http.ServerResponse);
  });

  it('leaves what Express adds to them working', async () => {
    const r = await get(appWithRoute(), createExpressServer, '/hello/x');
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body)).toEqual({ name: 'x', host: '127.0.0.1', app: true, same: true });
  });

  it('differs from a plain server, whose objects Express has to re-parent', async () => {
    const app = appWithRoute();
    const { arrived } = await get(app, (a) => http.createServer(a), '/hello/x');
    expect(arrived).toEqual([http.IncomingMessage.prototype, http.ServerResponse.prototype]);
  });
});
