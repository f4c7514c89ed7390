// dockergen's Node.js example: a small HTTP server, no dependencies.
"use strict";
const http = require("node:http");

const port = Number(process.env.PORT || 8080);
const server = http.createServer((req, res) => {
  const body = req.url === "/healthz" ? "ok\n" : "hello from node\n";
  res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(port, () => console.log(`listening on :${port}`));
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => server.close(() => process.exit(0)));
