import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes for operators (`temporal workflow list --query "CaseStage='INTAKE'"`).
 * Values are stage and region codes only: search attributes are not encrypted, so never personal data.
 */
export const CaseStageKey = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
export const RegionCodeKey = defineSearchAttributeKey('RegionCode', SearchAttributeType.KEYWORD);
/** True while the current stage's deadline has passed (`temporal workflow list --query "CaseOverdue=true"`). */
export const CaseOverdueKey = defineSearchAttributeKey('CaseOverdue', SearchAttributeType.BOOL);

/** Every custom attribute Sinergi needs registered on the namespace. */
export const CUSTOM_SEARCH_ATTRIBUTES = [CaseStageKey, RegionCodeKey, CaseOverdueKey] as const;
