import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../workflows/contracts/actor';
import type { TaskAction } from '../../workflows/contracts/task';
import type { Permission } from '../auth/permissions';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { CompleteTaskDto, ListTasksQuery, ReassignTaskDto, ReferToRegencyDto, RejectTaskDto, TaskAcceptedResponse, TaskListResponse, TaskResponse } from './dto/task.dto';
import type { TaskActOutcome } from './tasks.service';
import { TasksService } from './tasks.service';
import { ReachesTemporal } from '../temporal/reaches-temporal.decorator';

type Key = string | undefined;
type Answer = Promise<TaskResponse | TaskAcceptedResponse>;

/** What every task action shares: its path, permission and answers. */
function TaskActionEndpoint(path: string, permission: Permission): MethodDecorator {
  return applyDecorators(
    Post(`:id/${path}`),
    Authenticated({ permission }),
    HttpCode(200),
    ApiOkResponse({ type: TaskResponse, description: 'The task as it now stands' }),
    ApiAcceptedResponse({ type: TaskAcceptedResponse, description: 'Applied, but its result is not readable yet: send the same request again with the returned Idempotency-Key' }),
    ApiNotFoundResponse({ description: 'TASK_NOT_FOUND (also for a task outside your inbox)' }),
    ApiConflictResponse({ description: 'TASK_CLOSED, ILLEGAL_TRANSITION or CASE_CLOSED: the task or its case no longer takes this action; nothing changed' }),
    ReachesTemporal(),
  );
}

@ApiTags('tasks')
@Controller('tasks')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'On POSTs: retrying with the same key applies the action once and answers its result' })
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  private async act(a: Actor, id: string, action: TaskAction, body: Parameters<TasksService['act']>[3], k: Key, res: Response, onlyType?: Parameters<TasksService['act']>[5]): Answer {
    const outcome: TaskActOutcome = await this.tasks.act(a, id, action, body, k, onlyType);
    res.status(outcome.httpStatus);
    return outcome.body;
  }

  /** Your agency's inbox (supervisors and auditors: every agency in your region). */
  @Get()
  @Authenticated({ permission: 'task.read' })
  @ApiOkResponse({ type: TaskListResponse })
  list(@CurrentActor() a: Actor, @Query() query: ListTasksQuery): Promise<TaskListResponse> {
    return this.tasks.list(a, query);
  }

  /** Takes the task (it shows you as assignee). */
  @TaskActionEndpoint('claim', 'task.work')
  claim(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response): Answer {
    return this.act(a, id, 'claimTask', {}, k, r);
  }

  /** Completes the task with its typed outcome; the case moves on when the outcome decides a step. */
  @TaskActionEndpoint('complete', 'task.work')
  complete(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CompleteTaskDto, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response): Answer {
    return this.act(a, id, 'completeTask', { outcome: dto.outcome }, k, r);
  }

  /** Declines the task with a reason (the case's team decides what happens next). */
  @TaskActionEndpoint('reject', 'task.work')
  reject(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RejectTaskDto, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response): Answer {
    return this.act(a, id, 'rejectTask', { reason: dto.reason }, k, r);
  }

  /**
   * A village Puskesos refers the complaint of its intake task to the regency's unit (Bantaeng: UPT
   * SPMKS), with the reason: the intake task completes and the unit gets a task (docs/puskesos.md).
   */
  @TaskActionEndpoint('refer-to-regency', 'task.work')
  referToRegency(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ReferToRegencyDto, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response): Answer {
    return this.act(a, id, 'completeTask', { outcome: { reason: dto.reason } }, k, r, 'COMPLAINT_INTAKE');
  }

  /** A supervisor hands the task to another officer of the same agency. */
  @TaskActionEndpoint('reassign', 'task.assign')
  reassign(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ReassignTaskDto, @Headers('idempotency-key') k: Key, @Res({ passthrough: true }) r: Response): Answer {
    return this.act(a, id, 'reassignTask', { assigneeUserId: dto.assigneeUserId }, k, r);
  }
}
