/**
 * Asynchronous events. A write is accepted with an eventId, stays PENDING for eventPendingMs, and
 * then settles: its tasks run against the model and it becomes COMPLETE, or FAILED when at least
 * one task failed (the other tasks still took effect). Settling is lazy: every request first
 * settles, in order, each event whose time has come, so the simulator needs no timers and an
 * event never settles before one accepted earlier.
 */
import type { ErrorResponse, EventStatus, EventType, RequestAsset, StatusResponse } from '../api/types.js';
import { errorBody, SimError } from './errors.js';

/** Who a failed task was for. Failures are grouped per error number and asset. */
export interface TaskTarget {
  asset?: RequestAsset;
  clientUserId?: string;
  serialNumber?: string;
}

interface FailureGroup {
  errorNumber: number;
  asset?: RequestAsset;
  clientUserIds: Set<string>;
  serialNumbers: Set<string>;
}

export class TaskTally {
  completed = 0;
  private readonly groups = new Map<string, FailureGroup>();

  ok(): void {
    this.completed++;
  }

  fail(errorNumber: number, target: TaskTarget): void {
    const key = `${errorNumber}|${target.asset ? `${target.asset.adamId}:${target.asset.pricingParam ?? ''}` : ''}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { errorNumber, asset: target.asset, clientUserIds: new Set(), serialNumbers: new Set() };
      this.groups.set(key, group);
    }
    if (target.clientUserId !== undefined) group.clientUserIds.add(target.clientUserId);
    if (target.serialNumber !== undefined) group.serialNumbers.add(target.serialNumber);
  }

  failures(): ErrorResponse[] {
    return [...this.groups.values()].map((g) =>
      errorBody(g.errorNumber, {
        ...(g.asset && { assets: [g.asset] }),
        ...(g.clientUserIds.size > 0 && { clientUserIds: [...g.clientUserIds] }),
        ...(g.serialNumbers.size > 0 && { serialNumbers: [...g.serialNumbers] }),
      }),
    );
  }
}

export interface SimEvent {
  eventId: string;
  eventType: EventType;
  numRequested: number;
  createdAt: number;
  settleAt: number;
  /** The tasks; dropped once the event has settled. */
  work?: (tally: TaskTally) => void;
  settled?: { eventStatus: EventStatus; numCompleted: number; failures: ErrorResponse[] };
}

export class EventQueue {
  private readonly byId = new Map<string, SimEvent>();
  private readonly waiting: SimEvent[] = [];
  private head = 0;

  add(event: SimEvent): void {
    this.byId.set(event.eventId, event);
    this.waiting.push(event);
  }

  settleDue(now: number): void {
    while (this.head < this.waiting.length && this.waiting[this.head]!.settleAt <= now) {
      const event = this.waiting[this.head++]!;
      const tally = new TaskTally();
      event.work!(tally);
      const failures = tally.failures();
      event.settled = { eventStatus: failures.length > 0 ? 'FAILED' : 'COMPLETE', numCompleted: tally.completed, failures };
      delete event.work;
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
  }

  /** GET /status: a pending event reports progress in proportion to the time it has waited. */
  status(eventId: string, now: number): Omit<StatusResponse, 'uId'> {
    const event = this.byId.get(eventId);
    if (!event) throw new SimError(9708);
    if (event.settled) {
      const { eventStatus, numCompleted, failures } = event.settled;
      return { eventStatus, eventType: event.eventType, ...(failures.length > 0 && { failures }), numCompleted, numRequested: event.numRequested };
    }
    const share = (now - event.createdAt) / Math.max(1, event.settleAt - event.createdAt);
    const numCompleted = Math.max(0, Math.min(event.numRequested - 1, Math.floor(event.numRequested * share)));
    return { eventStatus: 'PENDING', eventType: event.eventType, numCompleted, numRequested: event.numRequested };
  }
}
