// The embedded store's own thread (started by embedded-store.ts): dynalite answers the requests the
// runtime's thread posts, so its LevelDB work, JSON and locks never hold up the HTTP server's event loop.
// Plain JavaScript: a worker thread gets no TypeScript loader under tsx or vitest, and loading one costs
// a second at every start. It opens no socket; embedded-store.ts checks what comes from outside.
import { EventEmitter } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import db from 'dynalite/db/index.js';

// dynalite closes its LevelDB folder only through its HTTP server's close, which refuses a server that
// never listened: the store is taken as dynalite creates it, to be closed directly.
let store;
const create = db.create;
db.create = (options) => {
  store = create(options);
  return store;
};
const server = dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
db.create = create;
const [handle] = server.listeners('request');

/** One request as dynalite's HTTP handler reads it, answered to the runtime's thread under its id. */
function answer({ id, method, url, headers, body }) {
  const request = Object.assign(new EventEmitter(), { method, url, headers });
  const response = {
    statusCode: 200,
    headers: {},
    setHeader(name, value) {
      this.headers[name.toLowerCase()] = String(value);
    },
    end(text) {
      parentPort.postMessage({ id, statusCode: this.statusCode, headers: this.headers, body: text ?? '' });
    },
  };
  handle(request, response);
  if (body.length > 0) request.emit('data', Buffer.from(body));
  request.emit('end');
}

parentPort.on('message', (message) => {
  if (message.close) {
    store.lifecycleManager.gracefulClose((error) => parentPort.postMessage({ closed: true, error: error?.message }));
    return;
  }
  answer(message);
});
parentPort.postMessage({ ready: true });
