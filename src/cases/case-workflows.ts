import { Injectable } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { caseCommandUpdates, confirmOpenedUpdate } from '../../workflows/case/case.messages';
import type { CaseSnapshot, CommandRequest, OpenCaseInput } from '../../workflows/contracts/case';
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../workflows/contracts/case';
import { CaseStageKey, RegionCodeKey } from '../../workflows/contracts/search-attributes';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { TemporalClientService } from '../temporal/temporal-client.service';
import type { UpdateAnswer } from '../temporal/case-updates';
import { sendCaseUpdate } from '../temporal/case-updates';
import { isTemporalUnreachable, translateTemporalError, translateUpdateFailure } from '../temporal/temporal-errors';

type CaseWorkflowFn = (input: OpenCaseInput) => Promise<void>;

/** The API's only door to case workflows: typed starts and updates, with deadlines and error translation. */
@Injectable()
export class CaseWorkflows {
  constructor(
    private readonly temporal: TemporalClientService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Starts the case workflow (or joins the running one: retries are safe) and waits until the case
   * is in the read model. Returns undefined when Temporal accepted the case but no worker confirmed
   * it within the command timeout: the case is durable and will be projected when a worker runs.
   * 'CLOSED' when the case was opened before and has closed since.
   */
  async open(input: OpenCaseInput): Promise<CaseSnapshot | undefined | 'CLOSED'> {
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
