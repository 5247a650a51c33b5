// GraphiQL in the browser, over the gateway's /graphql, with the example operations of
// schema/operations/examples/ as tabs. Built by Vite from the graphiql package, which has no
// prebuilt bundle. Every operation needs a bearer token: it goes in the headers editor, opened
// at start, and once pasted in one tab it serves every tab that still shows the placeholder.
// GraphiQL's editor (Monaco) runs its language services in web workers, which Vite builds as
// files of their own: first, before anything asks for a worker.
import 'graphiql/setup-workers/vite';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './page.css';

const PLACEHOLDER = 'Bearer <paste a token here: npm start prints one per role>';
const HEADERS = JSON.stringify({ Authorization: PLACEHOLDER }, null, 2);

// Each tab has its own headers; the token pasted last in any of them is kept here (in memory
// only, gone with the page) and sent by the tabs that have none of their own.
let pastedToken;
const fetchGraphQL = createGraphiQLFetcher({ url: 'graphql' });

function fetcher(params, options = {}) {
  const headers = { ...options.headers };
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'authorization');
  const own = name === undefined ? undefined : headers[name];
  if (own && own !== PLACEHOLDER) pastedToken = own;
  else if (pastedToken) {
    if (name !== undefined) delete headers[name];
    headers.Authorization = pastedToken;
  }
  return fetchGraphQL(params, { ...options, headers });
}

fetch('graphiql/operations.json')
  .then((response) => response.json())
  .then((operations) => {
    createRoot(document.getElementById('graphiql')).render(
      createElement(GraphiQL, {
        fetcher,
        defaultHeaders: HEADERS,
        defaultTabs: operations.map(({ query, variables }) => ({
          query,
          variables,
          headers: HEADERS,
        })),
        defaultEditorToolsVisibility: 'headers',
      }),
    );
  });
