import { DateTime } from 'luxon';
import type { DashboardInput, DashboardProvider } from '../../kit/dashboard';
import { TIME_ZONE } from '../../dates/dates';
import type { Dissemination } from './broadcastDelivery';
import { sourceOf } from './broadcastDelivery';
import type { BroadcastRecord, RemissRecord } from './dashboardRules';
import { RECENT_ITEMS, disseminationView, disseminationYearView } from './dashboardRules';
import { BATCH } from './model';

/** How far back the Dissemination view looks for the latest broadcasts and remisser. */
const LOOK_BACK_DAYS = 366;

async function broadcastRecord(d: Dissemination, id: string): Promise<BroadcastRecord | undefined> {
  const broadcast = await d.repo.broadcast(id);
  if (!broadcast || broadcast.status !== 'sent') return undefined;
  const [acks, deliveries] = await Promise.all([d.repo.acks(id), d.deps.outbox.deliveries(sourceOf(id), BATCH.send)]);
  return { broadcast, acks, deliveries };
}

async function remissRecord(d: Dissemination, id: string): Promise<RemissRecord | undefined> {
  const [remiss, answers] = await Promise.all([d.repo.remiss(id), d.repo.answers(id)]);
  return remiss ? { remiss, answers } : undefined;
}

async function read(d: Dissemination, from: Date, limit: number | undefined): Promise<{ broadcasts: BroadcastRecord[]; remisser: RemissRecord[] }> {
  const index = await d.repo.createdSince(from);
  const newest = (item: 'broadcast' | 'remiss') => {
    const ids = index.filter((e) => e.item === item).map((e) => e.id).reverse();
    return limit === undefined ? ids : ids.slice(0, limit * 2);
  };
  const [broadcasts, remisser] = await Promise.all([
    Promise.all(newest('broadcast').map((id) => broadcastRecord(d, id))),
    Promise.all(newest('remiss').map((id) => remissRecord(d, id))),
  ]);
  const sent = broadcasts.filter((b) => b !== undefined);
  const found = remisser.filter((r) => r !== undefined);
  return limit === undefined ? { broadcasts: sent, remisser: found } : { broadcasts: sent.slice(0, limit), remisser: found.slice(0, limit) };
}

/** The tab's Dissemination view and the dissemination part of the year. */
export function disseminationDashboard(d: Dissemination): { dissemination: DashboardProvider; year: DashboardProvider } {
  return {
    dissemination: {
      visible: () => true,
      async build(input: DashboardInput) {
        const from = DateTime.fromJSDate(input.now).minus({ days: LOOK_BACK_DAYS }).toJSDate();
        const { broadcasts, remisser } = await read(d, from, RECENT_ITEMS);
        return disseminationView(broadcasts, remisser, input);
      },
    },
    year: {
      visible: () => true,
      async build(input: DashboardInput) {
        const from = DateTime.fromJSDate(input.now, { zone: TIME_ZONE }).startOf('year').toJSDate();
        const { broadcasts, remisser } = await read(d, from, undefined);
        return disseminationYearView(broadcasts, remisser, input);
      },
    },
  };
}
