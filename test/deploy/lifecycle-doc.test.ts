import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLifecycleDoc } from '../../scripts/lifecycle-doc';

describe('docs/case-lifecycle.md', () => {
  it('matches the stage machine (regenerate with `npm run docs:lifecycle`)', () => {
    expect(readFileSync(join(__dirname, '..', '..', 'docs', 'case-lifecycle.md'), 'utf8')).toBe(renderLifecycleDoc());
  });
});
