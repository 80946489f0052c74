import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { caseCommandUpdates, confirmOpenedUpdate } from '../../workflows/case/case.messages';
import type { CaseSnapshot, CommandRequest, OpenCaseInput, PersonInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import { CaseStageKey, RegionCodeKey } from '../../workflows/contracts/search-attributes';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { TemporalClientService } from '../temporal/temporal-client.service';
import { PersonalData } from '../personal-data/personal-data.service';
import { DataSource } from 'typeorm';
import type { UpdateAnswer } from '../temporal/case-updates';
import { sendCaseUpdate } from '../temporal/case-updates';
import { isTemporalUnreachable, translateTemporalError, translateUpdateFailure } from '../temporal/temporal-errors';

type CaseWorkflowFn = (input: OpenCaseInput) => Promise<void>;

/** An opening as the API has it: the person in clear (the registry keeps them; the workflow gets them sealed). */
export type OpeningRequest = Omit<OpenCaseInput, 'person'> & { person: PersonInput };

/** The API's only door to case workflows: typed starts and updates, with deadlines and error translation. */
@Injectable()
export class CaseWorkflows {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectConfig() private readonly config: AppConfig,
    private readonly personal: PersonalData,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The person enters the registry (`case_subject`, in clear) and gets the case's data key; the workflow
   * receives sex and age in clear and the rest sealed under that key. Idempotent: a retried opening
   * keeps the first key and the first record.
   */
  private async sealOpening(request: OpeningRequest): Promise<OpenCaseInput> {
    const { name, nik, birthDate, guardian, sex, approximateAge } = request.person;
    const key = await this.personal.keyForCase(request.caseId);
    await this.dataSource.query(
      `INSERT INTO case_subject (case_id, data_key_id, name, nik, birth_date, guardian) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO NOTHING`,
      [request.caseId, key.id, name, nik ?? null, birthDate ?? null, guardian === undefined ? null : JSON.stringify(guardian)],
    );
    const secret = { name, ...(nik !== undefined ? { nik } : {}), ...(birthDate !== undefined ? { birthDate } : {}), ...(guardian !== undefined ? { guardian } : {}) };
    return { ...request, person: { sex, approximateAge, sealed: this.personal.seal(key, secret) } };
  }

  /**
   * Starts the case workflow (or joins the running one: retries are safe) and waits until the case
   * is in the read model. Returns undefined when Temporal accepted the case but no worker confirmed
   * it within the command timeout: the case is durable and will be projected when a worker runs.
   * 'CLOSED' when the case was opened before and has closed since.
   */
  async open(request: OpeningRequest): Promise<CaseSnapshot | undefined | 'CLOSED'> {
    const input = await this.sealOpening(request);
    const { client, taskQueue } = this.temporal;
    const workflowId = caseWorkflowId(input.caseId);
    const start = new WithStartWorkflowOperation<CaseWorkflowFn>(CASE_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A closed case is never opened again under its id (a client repeating an old request).
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: CaseStageKey, value: 'INTAKE' },
        { key: RegionCodeKey, value: input.regionCode },
      ],
    });
    try {
      return await client.withDeadline(Date.now() + this.config.http.commandTimeoutMs, () =>
        client.workflow.executeUpdateWithStart(confirmOpenedUpdate, { updateId: 'confirm-opened', startWorkflowOperation: start }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return 'CLOSED';
      if (isTemporalUnreachable(error) && (await this.exists(workflowId))) return undefined;
      return translateTemporalError(error);
    }
  }

  /**
   * Sends a command as the case's update for that action; the update id is the request id, so a
   * retried request is applied once (and the workflow remembers request ids across continue-as-new).
   */
  async command(caseId: string, request: CommandRequest): Promise<UpdateAnswer<CaseSnapshot>> {
    try {
      return await sendCaseUpdate(this.temporal.client, caseId, caseCommandUpdates[request.command.action], [request], request.requestId, this.config.http.commandTimeoutMs);
    } catch (error) {
      return translateUpdateFailure(error);
    }
  }

  private async exists(workflowId: string): Promise<boolean> {
    const { client } = this.temporal;
    try {
      await client.withDeadline(Date.now() + 2_000, () => client.workflow.getHandle(workflowId).describe());
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || isTemporalUnreachable(error)) return false;
      throw error;
    }
  }
}
