// V8 settings for a server whose requests each live a few milliseconds to a few tens.
import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring. Under load an order waits for its group commit across
 * a young-generation collection, so V8 sees the objects made at its sites survive and starts
 * allocating them straight in old space, where they die a few milliseconds later: old space then
 * fills in about 2 s and each full collection (marking steps and its final pause) holds the event
 * loop 10-20 ms at once, every order in flight with it. Without pretenuring they die young.
 */
export function tuneHeap(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
