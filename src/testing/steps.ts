// The fluent chain: each call queues a step after the previous one, and awaiting the chain
// waits for all of them (rejecting with the first failure; later steps then do not run).
import type { FlowTester } from './flow-tester.js';

/** A chain of queued steps: `await tester.fill('email', 'a@b.co').pick('seats', '2').tap()`. */
export class FlowSteps implements PromiseLike<FlowTester> {
  constructor(
    private readonly tester: FlowTester,
    private readonly done: Promise<unknown>,
  ) {}

  then<A = FlowTester, B = never>(onDone?: ((t: FlowTester) => A | PromiseLike<A>) | null, onFail?: ((e: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return this.done.then(() => this.tester).then(onDone, onFail);
  }

  private next(step: (t: FlowTester) => FlowSteps | void): FlowSteps {
    return new FlowSteps(this.tester, this.done.then((): unknown => step(this.tester)));
  }

  fill(field: string, value: unknown): FlowSteps { return this.next((t) => t.fill(field, value)); }
  pick(field: string, option: string): FlowSteps { return this.next((t) => t.pick(field, option)); }
  check(field: string, ...options: string[]): FlowSteps { return this.next((t) => t.check(field, ...options)); }
  uncheck(field: string, ...options: string[]): FlowSteps { return this.next((t) => t.uncheck(field, ...options)); }
  toggle(field: string): FlowSteps { return this.next((t) => t.toggle(field)); }
  tap(target?: string | null): FlowSteps { return this.next((t) => t.tap(target)); }
  back(): FlowSteps { return this.next((t) => t.back()); }
  expectScreen(id: string): FlowSteps { return this.next((t) => { t.expectScreen(id); }); }
  expectCompletion(partial: Record<string, unknown>): FlowSteps { return this.next((t) => { t.expectCompletion(partial); }); }
  expectField(field: string, value: unknown): FlowSteps { return this.next((t) => { t.expectField(field, value); }); }
}
