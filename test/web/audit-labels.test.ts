import { SECURITY_ACTIONS } from '../../src/security-log/security-event';
import { CASE_ACTIONS } from '../../workflows/contracts/commands';
import { PERSON_LEDGER_ACTIONS, SYSTEM_LEDGER_ACTIONS } from '../../workflows/contracts/ledger';
import { LEDGER_ACTIONS, SECURITY_ACTIONS as WEB_SECURITY_ACTIONS } from '../../web/src/pages/audit/labels';

/**
 * The auditor's filters list the actions as the browser bundle cannot import them from the API's
 * code: these lists are copies, and this test keeps them equal to the originals.
 */
describe("the auditor's action filters", () => {
  it('offer every security-log action the API records, and no other', () => {
    expect([...WEB_SECURITY_ACTIONS].sort()).toEqual([...SECURITY_ACTIONS].sort());
  });

  it('offer every ledger action: commands, task work, system events, failures', () => {
    const recorded = ['openCase', ...CASE_ACTIONS, 'claimTask', 'completeTask', 'rejectTask', 'reassignTask', ...SYSTEM_LEDGER_ACTIONS, 'taskDeliveryFailed', 'webhookFailed', ...PERSON_LEDGER_ACTIONS];
    expect([...LEDGER_ACTIONS].sort()).toEqual([...new Set(recorded)].sort());
  });
});
