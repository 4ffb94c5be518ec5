/** Reads until `done` holds or the time is up, and returns the last value read: the test then asserts on it. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, milliseconds = 2000) {
  const deadline = Date.now() + milliseconds;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((wake) => setTimeout(wake, 10));
    value = await read();
  }
  return value;
}
