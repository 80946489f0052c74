import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { AppConfig } from '../config/app-config';
import { temporalAddress } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { createAgencyWorkers } from './agency-workers';
import { connectWithBackoff } from './connect-with-backoff';

/** Where the worker gets workflow code: a prebuilt bundle in production, the sources otherwise. */
export function workflowSource(config: AppConfig): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  return config.temporal.workflowBundlePath
    ? { workflowBundle: { codePath: config.temporal.workflowBundlePath } }
    : { workflowsPath: require.resolve('../../workflows') };
}

/**
 * Runs the Temporal Worker of the case task queue inside the Nest application context. Bootstrap
 * fails (and the process exits non-zero) if Temporal stays unreachable; shutdown drains the worker
 * before Nest closes the database pool (beforeApplicationShutdown runs before TypeORM's hooks).
 */
@Injectable()
export class CaseWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private connection?: NativeConnection;
  private workers: Worker[] = [];
  private running?: Promise<unknown>;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(CaseWorkerService.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { temporal, database } = this.config;
    const address = temporalAddress(this.config);
    this.connection = await connectWithBackoff({
      address,
      attempts: temporal.connectAttempts,
      onRetry: (attempt, delayMs) => this.logger.warn({ address, attempt, delayMs }, 'Temporal unreachable, retrying'),
    });
    const deps = { dataSource: this.dataSource };
    const caseWorker = await Worker.create({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      activities: createActivities(deps),
      ...workflowSource(this.config),
      // Activities hold a pool connection each; more would only queue inside the pool.
      maxConcurrentActivityTaskExecutions: database.poolSize,
      maxConcurrentWorkflowTaskExecutions: 20,
      shutdownGraceTime: '10 seconds',
    });
    const agencyWorkers = await createAgencyWorkers(this.connection, temporal.namespace, temporal.agencyQueues, deps);
    this.workers = [caseWorker, ...agencyWorkers];
    this.running = Promise.all(this.workers.map((w) => w.run()));
    this.logger.info({ taskQueue: temporal.taskQueue, namespace: temporal.namespace, agencyQueues: temporal.agencyQueues }, 'workers polling');
  }

  /** Settles when the worker stops; rejects if it failed (the process must then exit non-zero). */
  async whenStopped(): Promise<void> {
    if (this.running === undefined) throw new Error('worker not started');
    await this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await this.running?.catch((error: unknown) => this.logger.error({ err: error }, 'worker stopped with an error'));
    await this.connection?.close();
  }
}
