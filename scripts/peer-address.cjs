// Preloaded into `next start` / `next dev` by scripts/start.ts (node --require). Next.js gives route handlers no
// access to the socket, and keeps a client's own X-Forwarded-For; this writes the TCP peer's address into a header
// on every request, overwriting any value a client sent, so app/_server/client-address.ts can trust it.
"use strict";
const http = require("node:http");

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithPeer(event, req, ...rest) {
  if (event === "request" && req && req.headers) {
    req.headers["x-ml-dojo-peer"] = (req.socket && req.socket.remoteAddress) || "";
  }
  return emit.call(this, event, req, ...rest);
};
