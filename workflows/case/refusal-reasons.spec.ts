import { REFUSAL, refusalReasonOf } from './stage-machine';

describe("a refusal's reason as a code (the 409's reasonCode)", () => {
  it('names every guard sentence by its code, and the stage and role refusals with their values', () => {
    for (const [code, text] of Object.entries(REFUSAL)) expect(refusalReasonOf(text)).toEqual({ code, params: {} });
    expect(refusalReasonOf('startHealthCheck is not possible in stage HEALTH_CHECK')).toEqual({ code: 'NOT_IN_STAGE', params: { action: 'startHealthCheck', stage: 'HEALTH_CHECK' } });
    expect(refusalReasonOf('closeCase needs one of the roles SUPERVISOR')).toEqual({ code: 'ROLE_REQUIRED', params: { action: 'closeCase', roles: 'SUPERVISOR' } });
    expect(refusalReasonOf('something else')).toBeUndefined();
  });
});
