import { mapInSlices } from './map-in-slices';

describe('mapInSlices', () => {
  it('maps every item in order, letting other work run between slices', async () => {
    const events: string[] = [];
    // Work already waiting for a turn (a socket's frame, a request) runs after the first slice.
    setImmediate(() => events.push('other work'));
    const mapping = mapInSlices(
      [1, 2, 3, 4, 5],
      (item) => {
        events.push(`map ${item}`);
        return item * 10;
      },
      2,
    );
    expect(await mapping).toEqual([10, 20, 30, 40, 50]);
    expect(events).toEqual(['map 1', 'map 2', 'other work', 'map 3', 'map 4', 'map 5']);
  });

  it('answers an empty list without waiting a turn', async () => {
    const events: string[] = [];
    setImmediate(() => events.push('other work'));
    expect(await mapInSlices([], (item: number) => item)).toEqual([]);
    expect(events).toEqual([]);
  });
});
