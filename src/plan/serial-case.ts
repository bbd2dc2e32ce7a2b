/**
 * A declared serial number that equals a live one but for letter case. Apple compares serial
 * numbers exactly, so `dmpx1234abcd` in the file is another device than the iPad Apple lists as
 * `DMPX1234ABCD`: the plan would move its licenses to a device that does not exist. A warning,
 * located at the serial number's declaration, for each such device the plan would add.
 *
 * Two looks, both cheap: within each asset, an added serial against the removed ones (the move
 * itself); and, only for added serials holding a lowercase letter (Apple reports serials in
 * capitals), against every live serial.
 */
import type { DesiredState } from '../config/types.js';
import type { LiveState } from '../live/types.js';
import { visibleId } from '../shared/visible-text.js';
import { assetLabel, type AssetDiff } from './diff-assets.js';
import type { PlanMessage } from './types.js';

/** Devices named one by one before the rest are counted in one message. */
const SHOWN = 10;

export function serialCaseWarnings(diffs: readonly AssetDiff[], desired: DesiredState, live: LiveState): PlanMessage[] {
  const found = new Map<string, { live: string; asset: AssetDiff }>();
  const lowercase: { serial: string; asset: AssetDiff }[] = [];
  for (const d of diffs) {
    if (d.add.devices.length === 0) continue;
    const removed = new Map(d.remove.devices.map((s) => [s.toUpperCase(), s]));
    for (const serial of d.add.devices) {
      const same = removed.get(serial.toUpperCase());
      if (same !== undefined && !found.has(serial)) found.set(serial, { live: same, asset: d });
      else if (/[a-z]/.test(serial)) lowercase.push({ serial, asset: d });
    }
  }
  if (lowercase.length > 0) {
    const wanted = new Map(lowercase.map((l) => [l.serial.toUpperCase(), l]));
    for (const holders of live.assignments.values()) {
      for (const s of holders.devices) {
        const l = wanted.get(s.toUpperCase());
        if (l !== undefined && l.serial !== s && !found.has(l.serial)) found.set(l.serial, { live: s, asset: l.asset });
      }
    }
  }
  const serials = [...found.keys()].sort();
  const messages: PlanMessage[] = serials.slice(0, SHOWN).map((serial) => {
    const { live: liveSerial, asset } = found.get(serial)!;
    const at = desired.deviceAt?.(serial) ?? asset.declared?.at;
    return {
      code: 'serial-number-case',
      message:
        `device \`${visibleId(serial)}\` (declared for ${assetLabel(asset)}) differs only in letter case from \`${visibleId(liveSerial)}\`, a device the location has: ` +
        `Apple treats them as two devices, so the plan gives licenses to one that may not exist. Write it as \`${visibleId(liveSerial)}\` if it is that device.`,
      ...(at !== undefined && { at }),
    };
  });
  if (serials.length > SHOWN) {
    messages.push({ code: 'serial-number-case', message: `${serials.length - SHOWN} more declared devices differ only in letter case from devices the location has.` });
  }
  return messages;
}
