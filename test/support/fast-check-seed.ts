/**
 * One seed for every property of a run, so that `npm test` is reproducible on any machine: a
 * counterexample found once is found again, and CI does not pass or fail by chance.
 *
 * - default: the fixed seed below;
 * - `FC_SEED=<integer>`: that seed (fast-check prints the seed of a failure: replay it so);
 * - `FC_SEED=random`: a new seed for each property, as fast-check does by default. `npm run
 *   test:explore` runs the suite so, to look for counterexamples the fixed seed does not reach.
 */
import fc from 'fast-check';

const FIXED_SEED = 20_261_130;
const given = process.env.FC_SEED;
if (given !== 'random') {
  const seed = given === undefined || given === '' ? FIXED_SEED : Number(given);
  if (!Number.isSafeInteger(seed))
    throw new Error(`FC_SEED must be an integer or 'random' (received ${given})`);
  fc.configureGlobal({ seed });
}
