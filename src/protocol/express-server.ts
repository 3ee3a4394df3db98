// An HTTP server for an Express app whose requests and responses are born instances of the app's own classes.
//
// Express gives every request and response it handles the app's prototypes (`Object.setPrototypeOf`). V8 then lets
// such objects leave the young generation only slowly: a fifth to a third of it survived each scavenge, which took
// 4 to 20 ms instead of under 1 ms (2 cores; an Express app answering `{}`, and this emulator alike). So here the
// app's request and response prototypes become those of two subclasses of Node's own, the server builds its objects
// from them, and Express's swap finds the prototype already in place.
import http from 'node:http';
import type { Express } from 'express';

export function createExpressServer(app: Express): http.Server {
  class AppRequest extends http.IncomingMessage {}
  class AppResponse extends http.ServerResponse {}
  app.request = adopt(AppRequest.prototype, app.request) as Express['request'];
  app.response = adopt(AppResponse.prototype, app.response) as Express['response'];
  return http.createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
}

/** `prototype`, made to stand where `appPrototype` stood: the same parent and the same own members. */
function adopt(prototype: object, appPrototype: object): unknown {
  Object.setPrototypeOf(prototype, Object.getPrototypeOf(appPrototype));
  const { constructor: _, ...members } = Object.getOwnPropertyDescriptors(appPrototype);
  Object.defineProperties(prototype, members);
  return prototype;
}
