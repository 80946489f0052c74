import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { temporalDataConverter } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { prepareTemporal } from '../../src/launcher/services';
import { installQuietRuntime } from './quiet-runtime';
import { testTemporalClient } from './system';
import { testConfig } from './test-config';

export interface NamespaceStack {
  client: Client;
  connection: NativeConnection;
  dataSource: DataSource;
  /** What Sinergi's workers use (payloads encrypted): give it to the test's Workers. */
  dataConverter: DataConverter;
  close(): Promise<void>;
}

/**
 * A Temporal namespace of a test file's own on the run's server (agency queue names are shared, so
 * files that run agency workers keep to their own), with a client, a worker connection and the run's
 * database schema.
 */
export async function namespaceStack(namespace: string): Promise<NamespaceStack> {
  installQuietRuntime();
  const config = testConfig({ TEMPORAL_NAMESPACE: namespace });
  await prepareTemporal(config.temporal.address as string, namespace, 1);
  const temporal = await testTemporalClient(config);
  const connection = await NativeConnection.connect({ address: config.temporal.address as string });
  const { database } = config;
  const dataSource = await new DataSource(dataSourceOptions({ url: database.url as string, schema: database.schema, poolSize: 4 })).initialize();
  return {
    client: temporal.client,
    connection,
    dataSource,
    dataConverter: temporalDataConverter(config),
    close: async () => {
      await connection.close();
      await temporal.close();
      await dataSource.destroy();
    },
  };
}
