import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves an embedded PostgreSQL (PGlite, stored in `dir`) over the wire protocol on 127.0.0.1, so the
 * API and the worker use the same `pg`/TypeORM path as with a real server. PGlite is single-process:
 * the launcher owns it and the other processes connect through the socket.
 */
export async function startEmbeddedDatabase(dir: string, port: number): Promise<EmbeddedDatabase> {
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 32 });
  await server.start();
  const [, actualPort] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
