/**
 * Who manages this location. Apple echoes the claiming installation's mdmInfo on every response
 * and asks clients to check it each time, because nothing on Apple's side stops a second manager
 * from claiming the same location. Once any response names another installation, writes stop
 * (unless the admin chose to take over) until we claim the location again via client config.
 */
import { MdmConflictError } from './errors.js';
import type { MdmInfo } from './types.js';

export class MdmGuard {
  private latest?: MdmInfo;
  private conflict?: MdmInfo;

  constructor(private readonly ours: string | undefined, private readonly takeOver: boolean) {}

  /** The most recent mdmInfo any response carried. */
  get observed(): MdmInfo | undefined {
    return this.latest;
  }

  observe(info: MdmInfo | undefined): void {
    if (info === undefined || info === null) return;
    this.latest = info;
    if (info.id !== this.ours) this.conflict = info;
  }

  /** Client config answered with our own mdmInfo: the location is ours again. */
  claimed(info: MdmInfo | undefined): void {
    if (info !== undefined && info !== null && info.id === this.ours) this.conflict = undefined;
  }

  assertWritable(action: string): void {
    if (this.conflict !== undefined && !this.takeOver) throw new MdmConflictError(this.ours, this.conflict, action);
  }
}
