// GraphiQL in the browser, over the gateway's /graphql, with the example operations of
// schema/operations/examples/ as tabs. Built by Vite from the graphiql package, which has no
// prebuilt bundle. Every operation needs a bearer token: it goes in the headers editor, opened
// at start (GraphiQL keeps no headers unless told to in its settings).
// GraphiQL's editor (Monaco) runs its language services in web workers, which Vite builds as
// files of their own: first, before anything asks for a worker.
import 'graphiql/setup-workers/vite';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './page.css';

const HEADERS = JSON.stringify(
  { Authorization: 'Bearer <paste a token here: npm start prints one per role>' },
  null,
  2,
);

fetch('graphiql/operations.json')
  .then((response) => response.json())
  .then((operations) => {
    createRoot(document.getElementById('graphiql')).render(
      createElement(GraphiQL, {
        fetcher: createGraphiQLFetcher({ url: 'graphql' }),
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
