import { OUTCOME_SCHEMAS } from '../../workflows/case/task-outcomes';
import { TASK_TYPES } from '../../workflows/contracts/task';
import { openApiSchema } from '../../src/common/validation/zod-openapi';
import { OUTCOME_FORMS, outcomeOf } from '../../web/src/pages/tasks/outcome-forms';

type JsonSchema = { properties: Record<string, { enum?: unknown[]; type?: string; const?: unknown }>; required?: string[] };

/** The inbox's outcome forms against the schemas the API publishes and checks: the same fields, required ones and choices. */
describe("the web inbox's outcome forms", () => {
  it.each([...TASK_TYPES])('%s asks for exactly what the API takes', (type) => {
    const schema = openApiSchema(OUTCOME_SCHEMAS[type]) as unknown as JsonSchema;
    const form = OUTCOME_FORMS[type];
    expect(form.map((f) => f.name).sort()).toEqual(Object.keys(schema.properties).sort());
    expect(form.filter((f) => f.required).map((f) => f.name).sort()).toEqual([...(schema.required ?? [])].sort());
    for (const field of form) {
      const property = schema.properties[field.name];
      if (field.kind === 'choice') expect([type, field.name, field.options]).toEqual([type, field.name, property?.enum]);
      else expect([type, field.name, property?.enum]).toEqual([type, field.name, field.kind === 'confirm' ? [true] : undefined]);
    }
  });

  it('sends what was typed, leaving out empty optional fields', () => {
    expect(outcomeOf('HEALTH_CHECK', { result: 'FIT', findings: '  ' })).toEqual({ result: 'FIT' });
    expect(outcomeOf('REINTEGRATION_SUPPORT', { kind: 'CASH', amount: '1.500.000', note: 'modal usaha' })).toEqual({ kind: 'CASH', amount: 1500000, note: 'modal usaha' });
    expect(outcomeOf('MEDICAL_TREATMENT', { recovered: 'true' })).toEqual({ recovered: true });
  });
});
