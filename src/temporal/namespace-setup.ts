import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../../workflows/contracts/search-attributes';
import { waitFor } from '../launcher/processes';

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

export interface NamespaceSetupResult {
  addedSearchAttributes: string[];
  retentionDays: number;
}

// gRPC NOT_FOUND.
const NOT_FOUND = 5;

/** A full Temporal server (docker-compose) starts without namespaces; the dev server creates its own. */
async function registerIfMissing(connection: Connection, namespace: string, retentionDays: number): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if ((error as { code?: number }).code !== NOT_FOUND) throw error;
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(retentionDays * 86_400_000),
    });
    // A new namespace reaches the server's caches after a moment; the next calls need it.
    await waitFor(`namespace ${namespace}`, 30_000, async () => {
      await connection.operatorService.listSearchAttributes({ namespace });
      return true;
    });
  }
}

/**
 * Makes the namespace ready for Sinergi, idempotently, on a fresh or an existing server: registers the
 * custom search attributes that are missing and raises retention (the dev server creates namespaces
 * with 24 h, after which closed case histories vanish from Temporal).
 */
export async function ensureNamespaceReady(
  connection: Connection,
  namespace: string,
  retentionDays: number,
): Promise<NamespaceSetupResult> {
  await registerIfMissing(connection, namespace, retentionDays);
  const added = await registerSearchAttributes(connection, namespace);
  const wanted = retentionDays * 86_400;
  const described = await connection.workflowService.describeNamespace({ namespace });
  const current = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
  if (current !== wanted) {
    await connection.workflowService.updateNamespace({
      namespace,
      config: { workflowExecutionRetentionTtl: msToTs(wanted * 1000) },
    });
  }
  return { addedSearchAttributes: added, retentionDays };
}

/** Registers the custom search attributes that are missing; returns their names. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = new Set(Object.keys(listed.customAttributes ?? {}));
  const missing = CUSTOM_SEARCH_ATTRIBUTES.filter((key) => !existing.has(key.name));
  if (missing.length > 0) await addSearchAttributes(connection, namespace, missing);
  return missing.map((key) => key.name);
}

/** Adds search attributes without listing first (the time-skipping test server cannot list them). */
export async function addSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly (typeof CUSTOM_SEARCH_ATTRIBUTES)[number][] = CUSTOM_SEARCH_ATTRIBUTES,
): Promise<void> {
  const searchAttributes = Object.fromEntries(keys.map((key) => [key.name, INDEXED[key.type] as temporal.api.enums.v1.IndexedValueType]));
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}
