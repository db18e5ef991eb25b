import { DateTime } from 'luxon';
import type { DashboardInput, DashboardProvider } from '../../kit/dashboard';
import { TIME_ZONE } from '../../dates/dates';
import type { MeetingRecord } from './dashboardRules';
import { RECENT_MEETINGS, meetingsView, meetingsYearView } from './dashboardRules';
import type { MeetingServices } from './services';

/** The first moment of the year `now` falls in, Swedish time. */
export function startOfYear(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf('year').toJSDate();
}

async function records(svc: MeetingServices, ids: readonly string[]): Promise<MeetingRecord[]> {
  const out = await Promise.all(
    ids.map(async (id) => {
      const [meeting, answers] = await Promise.all([svc.repo.meeting(id), svc.repo.answers(id)]);
      return meeting ? ({ meeting, answers } satisfies MeetingRecord) : undefined;
    }),
  );
  return out.filter((r) => r !== undefined);
}

/** The year's meetings that have started and were held (not cancelled), in order. */
async function heldThisYear(svc: MeetingServices, now: Date): Promise<MeetingRecord[]> {
  const index = await svc.repo.startingBetween(startOfYear(now), now);
  return records(
    svc,
    index.filter((m) => m.status !== 'cancelled').map((m) => m.id),
  );
}

/** The tab's Meetings view and the meetings' part of the year, read from the meetings container. */
export function meetingsDashboard(svc: MeetingServices): { meetings: DashboardProvider; year: DashboardProvider } {
  return {
    meetings: {
      visible: () => true,
      async build(input: DashboardInput) {
        const lookBack = DateTime.fromJSDate(input.now).minus({ days: 366 }).toJSDate();
        const [upcomingIndex, pastIndex] = await Promise.all([svc.repo.upcoming(input.now), svc.repo.startingBetween(lookBack, input.now)]);
        const recentIds = pastIndex
          .filter((m) => m.status !== 'cancelled')
          .slice(-RECENT_MEETINGS)
          .reverse()
          .map((m) => m.id);
        const upcomingIds = upcomingIndex.filter((m) => m.status !== 'cancelled' && Date.parse(m.startsAt) > input.now.getTime()).map((m) => m.id);
        const [upcoming, recent] = await Promise.all([records(svc, upcomingIds), records(svc, recentIds)]);
        return meetingsView(upcoming, recent, input);
      },
    },
    year: {
      visible: () => true,
      async build(input: DashboardInput) {
        return meetingsYearView(await heldThisYear(svc, input.now), input);
      },
    },
  };
}
