import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseSnapshot } from '../contracts/case';

/**
 * Completes once the opened case is visible in the PostgreSQL read model, so the API can answer
 * `POST /cases` with a case that `GET /cases/:id` already returns (read-your-writes).
 */
export const confirmOpenedUpdate = defineUpdate<CaseSnapshot>('confirmOpened');

/** Live state of the case, answered by a worker; for debugging, never for the audit path. */
export const getCaseQuery = defineQuery<CaseSnapshot>('getCase');
