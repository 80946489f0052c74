import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { ReachesTemporal } from '../temporal/reaches-temporal.decorator';
import { CompleteTaskDto, ListTasksQuery, ReassignTaskDto, RejectTaskDto, TaskListResponse, TaskResponse } from './dto/task.dto';
import { TasksService } from './tasks.service';

type Key = string | undefined;

/** The answers of a task action (an update of the case's workflow), besides those every route shares. */
function TaskActionAnswers(): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ type: TaskResponse }),
    ApiConflictResponse({ description: 'TASK_CLOSED, ILLEGAL_TRANSITION or CASE_CLOSED: the task or its case no longer takes this action; nothing changed' }),
    ReachesTemporal(),
  );
}

@ApiTags('tasks')
@Controller('tasks')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'On POSTs: retrying with the same key applies the action once' })
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** Your agency's inbox (supervisors and auditors: every agency in your region). */
  @Get()
  @Authenticated({ permission: 'task.read' })
  @ApiOkResponse({ type: TaskListResponse })
  list(@CurrentActor() a: Actor, @Query() query: ListTasksQuery): Promise<TaskListResponse> {
    return this.tasks.list(a, query);
  }

  /** Takes the task (it shows you as assignee). */
  @Post(':id/claim')
  @Authenticated({ permission: 'task.work' })
  @HttpCode(200)
  @TaskActionAnswers()
  claim(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'claimTask', {}, k);
  }

  /** Completes the task with its typed outcome; the case moves on when the outcome decides a step. */
  @Post(':id/complete')
  @Authenticated({ permission: 'task.work' })
  @HttpCode(200)
  @TaskActionAnswers()
  complete(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CompleteTaskDto, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'completeTask', { outcome: dto.outcome }, k);
  }

  /** Declines the task with a reason (the case's team decides what happens next). */
  @Post(':id/reject')
  @Authenticated({ permission: 'task.work' })
  @HttpCode(200)
  @TaskActionAnswers()
  reject(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RejectTaskDto, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'rejectTask', { reason: dto.reason }, k);
  }

  /** A supervisor hands the task to another officer of the same agency. */
  @Post(':id/reassign')
  @Authenticated({ permission: 'task.assign' })
  @HttpCode(200)
  @TaskActionAnswers()
  reassign(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ReassignTaskDto, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'reassignTask', { assigneeUserId: dto.assigneeUserId }, k);
  }
}
