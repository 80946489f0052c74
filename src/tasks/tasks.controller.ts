import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/contracts/actor';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidParam } from '../common/uuid-param';
import { CompleteTaskDto, ListTasksQuery, ReassignTaskDto, RejectTaskDto, TaskListResponse, TaskResponse } from './dto/task.dto';
import { TasksService } from './tasks.service';

type Key = string | undefined;

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
  @ApiOkResponse({ type: TaskResponse })
  claim(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'claimTask', {}, k);
  }

  /** Completes the task with its typed outcome; the case moves on when the outcome decides a step. */
  @Post(':id/complete')
  @Authenticated({ permission: 'task.work' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  complete(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CompleteTaskDto, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'completeTask', { outcome: dto.outcome }, k);
  }

  /** Declines the task with a reason (the case's team decides what happens next). */
  @Post(':id/reject')
  @Authenticated({ permission: 'task.work' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  reject(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: RejectTaskDto, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'rejectTask', { reason: dto.reason }, k);
  }

  /** A supervisor hands the task to another officer of the same agency. */
  @Post(':id/reassign')
  @Authenticated({ permission: 'task.assign' })
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  reassign(@CurrentActor() a: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ReassignTaskDto, @Headers('idempotency-key') k: Key): Promise<TaskResponse> {
    return this.tasks.act(a, id, 'reassignTask', { assigneeUserId: dto.assigneeUserId }, k);
  }
}
