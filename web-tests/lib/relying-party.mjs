// A tiny relying party: the website or official-account page that WeChat redirects back
// to. It records every callback's query and answers a page that shows it, so a test can
// assert what arrived and a screenshot shows it.

import { createServer } from 'node:http';

export async function startRelyingParty() {
  const callbacks = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    // Browsers ask every origin for an icon; that is no callback.
    if (url.pathname === '/favicon.ico') {
      response.writeHead(404).end();
      return;
    }
    callbacks.push(Object.fromEntries(url.searchParams));
    const rows = [...url.searchParams]
      .map(([k, v]) => `<li><b>${escape(k)}</b>: <code>${escape(v)}</code></li>`)
      .join('');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<title>Relying party</title></head><body>' +
        `<h1>回调 / Callback ${escape(url.pathname)}</h1><ul id="query">${rows}</ul></body></html>`,
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    callbacks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
