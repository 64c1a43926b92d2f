// The peer: PostGraphile v5 (amber preset, grafserv on node:http) over the
// bench database, with the functions of peer-functions.ts installed.
// DATABASE_URL and PORT from the environment; GET /ready answers 200 once
// the schema is built. Runs in a process of its own, like the API.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const connectionString = process.env['DATABASE_URL'];
const port = Number(process.env['PORT']);
if (connectionString === undefined || !Number.isInteger(port)) {
  console.error('DATABASE_URL and PORT are required');
  process.exit(2);
}

function bearerTokenHash(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S{1,200})$/i.exec(authorization?.trim() ?? '')?.[1];
  return token === undefined ? undefined : createHash('sha256').update(token, 'utf8').digest('hex');
}

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ['public'],
      // The API's pool holds 10 connections too (apps/api/src/db/database.ts).
      poolConfig: { max: 10 },
      pgSettings: (requestContext) => {
        const hash = bearerTokenHash(requestContext.node.req.headers.authorization);
        return hash === undefined ? {} : { 'rattrapage.token_sha256': hash };
      },
    }),
  ],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
await pgl.getSchema();
const serv = pgl.createServ(grafserv);
// eslint-disable-next-line @typescript-eslint/no-deprecated -- addTo would also install a websocket handler the bench has no use for
const graphql = serv.createHandler();
const server = createServer((req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ready');
    return;
  }
  graphql(req, res);
});
server.listen(port, '127.0.0.1');

const stop = () => {
  server.close();
  void pgl.release();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
