// Planted for bin.test.ts: an error thrown outside main (as a stream's or a timer's would be),
// right after whydenied's first write to stdout.
const write = process.stdout.write.bind(process.stdout);
let thrown = false;
process.stdout.write = (...args) => {
  if (!thrown) {
    thrown = true;
    setImmediate(() => {
      throw new Error('planted: thrown outside main');
    });
  }
  return write(...args);
};
