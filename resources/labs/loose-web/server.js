// The "orders" web app of the loose-web lab: one page that needs its database password and a
// writable cache folder, /metrics for Prometheus, /healthz for the healthcheck. Plain Node, no packages.
/* eslint-disable @typescript-eslint/no-require-imports -- it runs as CommonJS in the container: plain node, no package.json beside it */
const http = require('node:http');
const fs = require('node:fs');

const port = Number(process.env.PORT || 8080);
// The twelve-factor habit and its safer form: the value in the environment, or a file named there.
const file = process.env.DB_PASSWORD_FILE;
const password = file ? fs.readFileSync(file, 'utf8').trim() : process.env.DB_PASSWORD;
const cacheDir = process.env.CACHE_DIR || '/tmp/orders-cache';
fs.mkdirSync(cacheDir, { recursive: true });

let served = 0;
http
  .createServer((req, res) => {
    if (req.url === '/healthz') return res.end('ok\n');
    if (req.url === '/metrics') {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      return res.end(`# TYPE orders_pages_served_total counter\norders_pages_served_total ${served}\n# TYPE orders_database_configured gauge\norders_database_configured ${password ? 1 : 0}\n`);
    }
    served++;
    fs.writeFileSync(`${cacheDir}/last-page`, new Date().toISOString());
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<h1>Orders</h1><p>database ${password ? 'connected' : 'NOT configured'}</p>\n`);
  })
  .listen(port, () => console.log(`orders on :${port}, running as uid ${process.getuid()}`));
