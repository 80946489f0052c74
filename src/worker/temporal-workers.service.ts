import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { AppConfig } from '../config/app-config';
import { temporalAddress, temporalDataConverter, webhookTargets } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { agencyQueuesToServe, createAgencyWorkers, queueName } from './agency-workers';
import { connectWithBackoff } from './connect-with-backoff';
import { ProtocolRegistry } from '../protocols/protocol-registry';
import { MonthlyReports } from '../reports/monthly/monthly-reports.service';
import { ensureMonthlyReportSchedule } from './monthly-report-schedule';
import { ensureRepeatNoticeSchedule } from './repeat-notice-schedule';
import { ensureRetentionSchedule, retentionPolicy } from './retention-schedule';
import { sharedWorkflowModules } from './workflow-bundle-options';

/** Where the worker gets workflow code: a prebuilt bundle in production, the sources otherwise. */
export function workflowSource(config: AppConfig): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  return config.temporal.workflowBundlePath
    ? { workflowBundle: { codePath: config.temporal.workflowBundlePath } }
    : { workflowsPath: require.resolve('../../workflows'), bundlerOptions: { preloadModules: sharedWorkflowModules() } };
}

/**
 * The worker process's Temporal Workers, inside the Nest application context: the case queue's, and
 * one per agency queue of the directory (new agencies are picked up every SINERGI_AGENCY_REFRESH_SECONDS),
 * and the Temporal Schedules of the repeat-notice sweep (SINERGI_REPEAT_SWEEP_SECONDS) and of the
 * personal-data retention sweep (SINERGI_RETENTION_SWEEP_SECONDS) and of the monthly reports
 * (SINERGI_MONTHLY_REPORTS) on the case queue.
 * Bootstrap fails (and the process exits non-zero) if Temporal stays unreachable; shutdown drains the
 * Workers before Nest closes the database pool (beforeApplicationShutdown runs before TypeORM's hooks).
 */
@Injectable()
export class TemporalWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private connection?: NativeConnection;
  private readonly workers: Worker[] = [];
  private readonly served = new Set<string>();
  private readonly runs: Promise<void>[] = [];
  private failed?: (error: unknown) => void;
  private readonly failure = new Promise<never>((_, reject) => (this.failed = reject));
  private refresher?: NodeJS.Timeout;
  /** Every payload encrypted under the configured keyring (docs/security.md). */
  private readonly dataConverter: DataConverter;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
    private readonly protocols: ProtocolRegistry,
    private readonly monthlyReports: MonthlyReports,
  ) {
    this.logger.setContext(TemporalWorkers.name);
    this.failure.catch(() => undefined);
    this.dataConverter = temporalDataConverter(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { temporal, database } = this.config;
    const address = temporalAddress(this.config);
    this.connection = await connectWithBackoff({
      address,
      attempts: temporal.connectAttempts,
      onRetry: (attempt, delayMs) => this.logger.warn({ address, attempt, delayMs }, 'Temporal unreachable, retrying'),
    });
    const caseWorker = await Worker.create({
      connection: this.connection,
      namespace: temporal.namespace,
      dataConverter: this.dataConverter,
      taskQueue: temporal.taskQueue,
      activities: createActivities({
        dataSource: this.dataSource,
        webhookTargets: webhookTargets(this.config),
        retention: retentionPolicy(this.protocols, this.config.personalData.erasureMinRetentionDays),
        monthlyReports: this.monthlyReports,
      }),
      ...workflowSource(this.config),
      // Activities hold a pool connection each; more would only queue inside the pool. The case's
      // projection runs as a local activity (its own slots), the rest as activities.
      maxConcurrentActivityTaskExecutions: database.poolSize,
      maxConcurrentLocalActivityExecutions: database.poolSize,
      maxConcurrentWorkflowTaskExecutions: 20,
      // The worker's memory is its cache of runs, not its open cases (docs/performance.md).
      ...(temporal.maxCachedWorkflows > 0 ? { maxCachedWorkflows: temporal.maxCachedWorkflows } : {}),
      shutdownGraceTime: '10 seconds',
    });
    this.start(caseWorker);
    const client = new Client({ connection: this.connection, namespace: temporal.namespace, dataConverter: this.dataConverter });
    if (temporal.repeatSweepSeconds > 0) {
      const schedule = await ensureRepeatNoticeSchedule(client, temporal.taskQueue, temporal.repeatSweepSeconds);
      this.logger.info({ schedule, everySeconds: temporal.repeatSweepSeconds }, 'repeat-notice sweep scheduled');
    }
    const { retentionSweepSeconds } = this.config.personalData;
    if (retentionSweepSeconds > 0) {
      const schedule = await ensureRetentionSchedule(client, temporal.taskQueue, retentionSweepSeconds);
      this.logger.info({ schedule, everySeconds: retentionSweepSeconds }, 'personal-data retention sweep scheduled');
    }
    if (temporal.monthlyReports) {
      const schedule = await ensureMonthlyReportSchedule(client, temporal.taskQueue);
      this.logger.info({ schedule }, 'monthly reports scheduled');
    }
    const refresh = () => this.serveAgencies().catch((error: unknown) => this.logger.warn({ err: error }, 'agency queues not refreshed'));
    await refresh();
    this.refresher = setInterval(() => void refresh(), temporal.agencyRefreshSeconds * 1000);
    this.logger.info({ taskQueue: temporal.taskQueue, namespace: temporal.namespace, agencyQueues: [...this.served] }, 'workers polling');
  }

  /**
   * Starts a Worker for every agency queue of the directory not served yet. A queue is claimed before
   * its Worker is created (an overlapping refresh skips it) and released when creation fails, so the
   * next refresh tries it again.
   */
  async serveAgencies(): Promise<void> {
    const { connection } = this;
    const wanted = (await agencyQueuesToServe(this.dataSource, this.config.temporal.agencyQueues)).filter((q) => !this.served.has(queueName(q)));
    if (wanted.length === 0 || connection === undefined) return;
    for (const q of wanted) this.served.add(queueName(q));
    const created = await Promise.allSettled(wanted.map((q) => createAgencyWorkers(connection, this.config.temporal.namespace, [q], { dataSource: this.dataSource }, this.dataConverter)));
    const failed = wanted.filter((q, i) => created[i]?.status === 'rejected');
    for (const result of created) if (result.status === 'fulfilled') result.value.forEach((worker) => this.start(worker));
    for (const q of failed) this.served.delete(queueName(q));
    this.logger.info({ added: wanted.filter((q) => !failed.includes(q)).map(queueName) }, 'agency queues served');
    if (failed.length > 0) throw new Error(`no Worker for agency queues ${failed.map(queueName).join(', ')}: retried at the next refresh`);
  }

  /** Settles when the Workers stop; rejects as soon as one fails (the process must then exit non-zero). */
  async whenStopped(): Promise<void> {
    if (this.workers.length === 0) throw new Error('worker not started');
    await Promise.race([this.failure, Promise.all(this.runs)]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.refresher);
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await Promise.all(this.runs).catch((error: unknown) => this.logger.error({ err: error }, 'worker stopped with an error'));
    await this.connection?.close();
  }

  private start(worker: Worker): void {
    this.workers.push(worker);
    this.runs.push(worker.run().catch((error: unknown) => this.failed?.(error)));
  }
}
