// The mock API's notion of "now". Tests may move it forward (never back) to reach the 7-day
// information timeout or a payout without waiting; production runs keep the offset at zero.
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
