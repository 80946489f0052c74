import type { OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../config/app-config';
import { temporalAddress, temporalDataConverter } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

/**
 * The API's Temporal client (payloads encrypted, docs/security.md). The connection is lazy so the API starts (and reports Temporal down on
 * /health) while the server is unreachable, instead of refusing to boot.
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;

  constructor(@InjectConfig() config: AppConfig) {
    this.connection = Connection.lazy({ address: temporalAddress(config) });
    this.client = new Client({ connection: this.connection, namespace: config.temporal.namespace, dataConverter: temporalDataConverter(config) });
    this.taskQueue = config.temporal.taskQueue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
