import { z } from 'zod';
import type { CallsMessages } from './calls.fr.js';
import { CALL_KINDS, type CallKind } from './calls.tables.js';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const LIMITS = { slug: 100, title: 200, summary: 500, presentation: 20_000, eligibility: 10_000 };

/** What a call's form gives the service: texts and instants in UTC (null when not set). */
export interface CallInput {
  slug: string;
  kind: CallKind;
  title: string;
  summary: string;
  presentation: string;
  eligibility: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

/** Offset of Europe/Paris from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function parisOffsetMs(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A real calendar day, typed `aaaa-mm-jj` (date picker) or `jj/mm/aaaa`, or null. */
export function parseDay(text: string): { y: number; m: number; d: number } | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : fr
      ? [Number(fr[3]), Number(fr[2]), Number(fr[1])]
      : [0, 0, 0];
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? { y, m, d } : null;
}

/** A 24-hour time `hh:mm` (or `h:mm`), or null. */
export function parseTime(text: string): { h: number; mi: number } | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { h: Number(match[1]), mi: Number(match[2]) } : null;
}

/** The UTC instant of a Europe/Paris wall-clock time (a time skipped in spring is read with the winter offset). */
export function parisToUtc(day: { y: number; m: number; d: number }, time: { h: number; mi: number }): Date {
  const wall = Date.UTC(day.y, day.m - 1, day.d, time.h, time.mi);
  // Twice: the offset at the wall-clock instant read as UTC may differ from the offset at the real instant.
  let instant = wall - parisOffsetMs(new Date(wall));
  instant = wall - parisOffsetMs(new Date(instant));
  return new Date(instant);
}

/** An instant as the Europe/Paris date (`aaaa-mm-jj`) and time (`hh:mm`) the form fields show. */
export function utcToParisFields(instant: Date | null): { date: string; time: string } {
  if (!instant) return { date: '', time: '' };
  const local = new Date(instant.getTime() + parisOffsetMs(instant));
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

const text = z.string().optional().default('');

/** The form of a call (creation and edition): French messages naming the field. */
export function callForm(w: CallsMessages) {
  const f = w.fields;
  return z
    .object({
      slug: text,
      kind: text,
      title: text,
      summary: text,
      presentation: text,
      eligibility: text,
      opens_date: text,
      opens_time: text,
      closes_date: text,
      closes_time: text,
    })
    .transform((raw, ctx): CallInput => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      const slug = raw.slug.trim().toLowerCase();
      if (!SLUG.test(slug) || slug.length > LIMITS.slug) issue('slug', w.errors.slug);
      if (!(CALL_KINDS as readonly string[]).includes(raw.kind)) issue('kind', w.errors.kind);
      const title = raw.title.trim().replace(/\s+/g, ' ');
      if (!title) issue('title', w.errors.title);
      const long = {
        title: f.title,
        summary: f.summary,
        presentation: f.presentation,
        eligibility: f.eligibility,
      };
      const texts = {
        title,
        summary: raw.summary.trim().replace(/\s+/g, ' '),
        presentation: raw.presentation.replace(/\r\n?/g, '\n').trim(),
        eligibility: raw.eligibility.replace(/\r\n?/g, '\n').trim(),
      };
      for (const key of Object.keys(long) as (keyof typeof long)[]) {
        if (texts[key].length > LIMITS[key]) issue(key, w.errors.tooLong(long[key], LIMITS[key]));
      }
      const instant = (which: 'opens' | 'closes'): Date | null | undefined => {
        const dateText = raw[`${which}_date`].trim();
        const timeText = raw[`${which}_time`].trim();
        const dateLabel = which === 'opens' ? f.opensDate : f.closesDate;
        const timeLabel = which === 'opens' ? f.opensTime : f.closesTime;
        if (!dateText && !timeText) return null;
        const day = dateText ? parseDay(dateText) : null;
        const time = timeText ? parseTime(timeText) : null;
        if (!day) issue(`${which}_date`, w.errors.date(dateLabel));
        if (!timeText) issue(`${which}_time`, w.errors.timeMissing(timeLabel));
        else if (!time) issue(`${which}_time`, w.errors.time(timeLabel));
        return day && time ? parisToUtc(day, time) : undefined;
      };
      const opensAt = instant('opens');
      const closesAt = instant('closes');
      if (closesAt && opensAt === null) issue('opens_date', w.errors.opensMissing);
      if (closesAt && opensAt && closesAt.getTime() <= opensAt.getTime()) {
        issue('closes_date', w.errors.closesBeforeOpens);
      }
      return {
        slug,
        kind: raw.kind as CallKind,
        ...texts,
        opensAt: opensAt ?? null,
        closesAt: closesAt ?? null,
      };
    });
}

/** The early closing form: the message is required. */
export function closeForm(w: CallsMessages) {
  return z.object({
    closed_message: z
      .string({ error: w.errors.closeMessage })
      .transform((s) => s.replace(/\r\n?/g, '\n').trim())
      .pipe(
        z.string().min(1, w.errors.closeMessage).max(2000, w.errors.tooLong(w.manage.closeMessage, 2000)),
      ),
  });
}

export const callIdParams = z.object({ id: z.uuid() });
export const callSlugParams = z.object({ slug: z.string().regex(SLUG).max(LIMITS.slug) });
