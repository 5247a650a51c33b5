// GraphiQL in the browser, over the gateway's /graphql, with the example operations of
// schema/operations/examples/ as tabs. Every operation needs a bearer token: it goes in the headers
// editor, opened at start (GraphiQL keeps no headers unless told to in its settings).
const HEADERS = JSON.stringify(
  { Authorization: 'Bearer <paste a token here: npm start prints one per role>' },
  null,
  2,
);

fetch('graphiql/operations.json')
  .then((response) => response.json())
  .then((operations) => {
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(
      React.createElement(GraphiQL, {
        fetcher: GraphiQL.createFetcher({ url: 'graphql' }),
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
