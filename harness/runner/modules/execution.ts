import { TEST_ABORTED, type VuApi } from '../script/vu-api.ts';

/** `k6/execution`: read-only views of the current VU, scenario, instance and test. */
export function createExecutionModule(vu: VuApi) {
  const s = vu.services;
  const scenario = () => {
    if (!vu.scenario) throw new Error('exec.scenario is only available while a scenario runs (not in init, setup or teardown)');
    return vu.scenario;
  };
  return {
    vu: {
      get idInTest() {
        return vu.id;
      },
      get idInInstance() {
        return vu.id;
      },
      get iterationInScenario() {
        return vu.iteration;
      },
      get iterationInInstance() {
        return vu.iteration;
      },
      get tags() {
        return vu.tags();
      },
    },
    scenario: {
      get name() {
        return scenario().name;
      },
      get executor() {
        return scenario().executor;
      },
      get startTime() {
        return scenario().startTime;
      },
      get progress() {
        return scenario().progress();
      },
      get iterationInTest() {
        return vu.iterationInTest;
      },
      get iterationInInstance() {
        return vu.iterationInTest;
      },
    },
    instance: {
      get vusActive() {
        return s.activeVus();
      },
      get vusInitialized() {
        return s.maxVus();
      },
      get currentTestRunDuration() {
        return s.clock.now() - s.testStart();
      },
    },
    test: {
      abort(reason?: string): never {
        s.abortTest(reason ?? 'test aborted');
        throw Object.assign(new Error(`test aborted: ${reason ?? ''}`.trim()), { [TEST_ABORTED]: true });
      },
      get options() {
        return s.testOptions();
      },
    },
  };
}
