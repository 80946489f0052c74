import { mapConcurrently } from './concurrently';

describe('mapConcurrently', () => {
  it('keeps at most `limit` calls in flight and the results in the order of the items', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure, and maps nothing from nothing', async () => {
    await expect(mapConcurrently([1, 2], 2, (n) => (n === 2 ? Promise.reject(new Error('two')) : Promise.resolve(n)))).rejects.toThrow('two');
    await expect(mapConcurrently([], 8, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});
