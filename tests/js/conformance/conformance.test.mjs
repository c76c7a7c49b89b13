// Conformance with the official JS SDK: every scenario runs through @moltin/sdk,
// @elasticpath/js-sdk and epcc-carts (installed from its tarball) against the emulator, and the
// requests each one sent (from the emulator's journal) are compared. The two official packages
// must agree with each other; epcc-carts must agree with them except for the documented
// improvements in known-differences.mjs.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { differences, formatDifference, split } from './compare.mjs';
import { knownDifferences } from './known-differences.mjs';
import { scenarios } from './scenarios.mjs';
import { loadSdks, runScenario } from './sdks.mjs';

let sdks;
before(async () => {
  sdks = await loadSdks();
});

for (const scenario of scenarios) {
  test(scenario.name, { todo: scenario.todo }, async t => {
    const runs = [];
    for (const sdk of sdks) runs.push({ sdk, requests: split(await runScenario(sdk, scenario), scenario) });
    const [reference, ...others] = runs;
    assert.ok(reference.requests.api.length + reference.requests.token.length > 0, 'the scenario sent nothing');

    for (const { sdk, requests } of others) {
      const diffs = differences(reference.requests, requests);
      if (sdk.official) {
        assert.deepEqual(diffs.map(formatDifference), [], `${sdk.name} and ${reference.sdk.name} disagree`);
        continue;
      }
      const known = knownDifferences.filter(k => k.scenarios.includes(scenario.name));
      const unexplained = diffs.filter(d => !known.some(k => k.matches(d)));
      assert.deepEqual(unexplained.map(formatDifference), [], `${sdk.name} differs from the official SDK`);
      for (const k of known) {
        assert.ok(diffs.some(d => k.matches(d)), `known difference ${k.id} no longer shows in this scenario: update known-differences.mjs`);
        t.diagnostic(`known difference ${k.id}: ${k.reason}`);
      }
    }
  });
}

test('every known difference names scenarios that exist', () => {
  const names = new Set(scenarios.map(s => s.name));
  for (const k of knownDifferences) {
    for (const name of k.scenarios) assert.ok(names.has(name), `${k.id} names an unknown scenario: ${name}`);
  }
});
