import { jsonShapeError, MAX_JSON_DEPTH } from './json-shape';

/** An array nested `depth` levels deep, built without recursion. */
function nestedArrays(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('jsonShapeError', () => {
  it('accepts bodies up to the depth bound and refuses deeper ones', () => {
    expect(jsonShapeError({ a: { b: [1, 'x', null, true] } })).toBeNull();
    expect(jsonShapeError(nestedArrays(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonShapeError(nestedArrays(MAX_JSON_DEPTH + 1))).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('walks a body far deeper than the call stack would allow', () => {
    expect(jsonShapeError(nestedArrays(200_000))).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('names the field of a NUL character, in a value or in a key, without quoting the value', () => {
    expect(jsonShapeError({ person: { name: 'Bu\u0000di' } })).toMatchObject({
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ field: 'person.name', messages: ['must not contain the NUL character (U+0000)'] }],
    });
    expect(jsonShapeError({ person: { ['x\u0000']: 1 } })?.fieldErrors).toEqual([{ field: 'person', messages: ['must not contain the NUL character (U+0000)'] }]);
    expect(jsonShapeError(['ok', 'n\u0000'])?.fieldErrors?.[0]?.field).toBe('1');
    expect(jsonShapeError(undefined)).toBeNull();
  });
});
