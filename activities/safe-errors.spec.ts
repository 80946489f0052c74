import { SanitizedActivityError, withSanitizedErrors } from './safe-errors';

describe('withSanitizedErrors', () => {
  it('drops the driver message (which may quote personal data) and keeps structural facts', async () => {
    const driverError = Object.assign(new Error('invalid input syntax for type integer: "Budi Santoso"'), {
      code: '22P02',
      table: 'case_view',
    });
    const attempt = withSanitizedErrors('projectCase', () => Promise.reject(driverError));
    await expect(attempt).rejects.toThrow(SanitizedActivityError);
    await expect(attempt).rejects.toThrow('projectCase failed (Error; sqlstate=22P02, table=case_view)');
    await expect(attempt).rejects.not.toThrow(/Budi/);
  });

  it('passes results through', async () => {
    await expect(withSanitizedErrors('x', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
